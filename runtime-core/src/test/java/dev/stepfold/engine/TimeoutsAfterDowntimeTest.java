package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A task's answer and its time-out when the runtime reads them late (it was down, or behind): the one that came first
 * in time wins, whatever order they are processed in. An answer's time is the time it was written to the commands
 * topic, which the command carries as its {@code now}; the time-out's is the instant its {@code TimeoutSeconds} end.
 */
class TimeoutsAfterDowntimeTest {
  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "TimeoutSeconds": 30, "End": true}}}""";

  @Test
  void shouldAcceptAnAnswerWrittenBeforeTheTimeoutWasDueThoughProcessedAfterIt() {
    var engine = given(CHARGE);
    engine.start("{}");
    var task = engine.openTasks().get(0);

    // written 29 s after the scheduling, read when the runtime is back minutes later; its timer has not fired yet
    engine.at(Duration.ofSeconds(29)).succeed(task, "{\"charged\": true}");
    engine.at(Duration.ofMinutes(5)).fire(Timers.taskTimeout(task.scheduledEventId()));

    assertThat(engine.types()).doesNotContain(HistoryEventType.TASK_TIMED_OUT).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(engine.execution.output()).contains(json("{\"charged\": true}"));
  }

  @Test
  void shouldRefuseAnAnswerWrittenAfterTheTimeoutWasDueAndTimeTheTaskOut() {
    var engine = given(CHARGE);
    engine.start("{}");
    var task = engine.openTasks().get(0);
    var events = engine.history.size();

    // written after the time-out was due, read before its timer fired (the runtime was down at the due time)
    engine.at(Duration.ofSeconds(30)).succeed(task, "{\"charged\": true}");

    assertThat(engine.last.isRejected()).isTrue();
    assertThat(engine.last.reply()).isEqualTo(new Reply.Rejected(ApiError.TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'"));
    assertThat(engine.history).hasSize(events);
    assertThat(engine.openTasks()).containsExactly(task);

    engine.at(Duration.ofMinutes(5)).fire(Timers.taskTimeout(task.scheduledEventId()));

    assertThat(engine.types()).endsWith(HistoryEventType.TASK_TIMED_OUT, HistoryEventType.EXECUTION_FAILED);
    assertThat(engine.execution.error()).contains("States.Timeout");
  }

  @Test
  void shouldRefuseAFailureWrittenAfterTheTimeoutWasDueToo() {
    var engine = given(CHARGE);
    engine.start("{}");
    var task = engine.openTasks().get(0);

    engine.at(Duration.ofSeconds(31)).fail(task, "Payment.Declined", "late");

    assertThat(engine.last.reply()).isEqualTo(new Reply.Rejected(ApiError.TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'"));
    assertThat(engine.types()).doesNotContain(HistoryEventType.TASK_FAILED);
  }

  @Test
  void shouldGiveTheTaskThatALateAnswerSchedulesItsWholeTimeoutFromWhenTheAnswerIsDecided() {
    var engine = given("""
        {"StartAt": "Charge", "States": {
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Ship"},
          "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "End": true}}}""");
    engine.start("{}");

    // written 10 s after the scheduling, decided when the runtime is back 5 minutes later: in time, and Ship starts then
    engine.written(Duration.ofSeconds(10)).at(Duration.ofMinutes(5)).succeed(engine.openTasks().get(0), "{\"charged\": true}");
    var ship = engine.openTasks().get(0);

    assertThat(engine.lastTimerSet().due()).isEqualTo(EngineTestKit.T0.plus(Duration.ofMinutes(5)).plusSeconds(30));
    assertThat(engine.history.get(engine.history.size() - 1).timestamp()).isEqualTo(EngineTestKit.T0.plus(Duration.ofMinutes(5)));

    engine.at(Duration.ofMinutes(5).plusSeconds(29)).succeed(ship, "{\"shipped\": true}");

    assertThat(engine.types()).doesNotContain(HistoryEventType.TASK_TIMED_OUT).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void shouldAcceptAnAnswerOfATaskWithoutATimeoutWhenever() {
    var engine = given(CHARGE.replace("\"TimeoutSeconds\": 30, ", ""));
    engine.start("{}");

    engine.at(Duration.ofDays(300)).succeed(engine.openTasks().get(0), "{}");

    assertThat(engine.types()).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
  }
}
