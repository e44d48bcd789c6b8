package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.history.HistoryEventType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Task time-outs due at the same instant: every one is recorded before any failure is handled, as AWS records four
 * iterations of a Map timing out together (the conformance case {@code timeouts.timeouts.service_lambda_map_timeout}).
 */
class TaskTimeOutsTest {
  private static final String MAP_OF_SLOW_TASKS = """
      {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "TimeoutSeconds": 5, %s "End": true}}}}}}""";

  @ParameterizedTest(name = "the timer of iteration {0} delivered first")
  @ValueSource(ints = {0, 1, 2})
  void shouldRecordEveryTimeOutDueAtTheSameInstantBeforeFailingTheMap(int deliveredFirst) {
    var engine = given(MAP_OF_SLOW_TASKS.formatted(""));
    engine.start("[1, 2, 3]");
    assertThat(engine.sequence()).endsWith("15<-14 TaskStarted");

    engine.at(Duration.ofSeconds(5)).fire(Timers.taskTimeout(engine.openTasks().get(deliveredFirst).scheduledEventId()));

    assertThat(engine.sequence()).hasSize(26).endsWith(
        "16<-9 TaskTimedOut", "17<-12 TaskTimedOut", "18<-15 TaskTimedOut",
        "19<-16 MapIterationFailed", "20<-16 TaskStateAborted", "21<-16 MapIterationAborted", "22<-16 TaskStateAborted",
        "23<-16 MapIterationAborted", "24<-16 TaskStateAborted", "25<-16 MapStateFailed", "26<-25 ExecutionFailed");
    assertThat(engine.execution.error()).contains("States.Timeout");
  }

  @Test
  void shouldCancelTheTimersItFiredAndIgnoreOneDeliveredAgain() {
    var engine = given(MAP_OF_SLOW_TASKS.formatted(""));
    engine.start("[1, 2]");
    var first = engine.openTasks().get(0);
    var second = engine.openTasks().get(1);

    engine.at(Duration.ofSeconds(5)).fire(Timers.taskTimeout(first.scheduledEventId()));
    assertThat(engine.last.timers()).contains(new TimerChange.Cancel(Timers.taskTimeout(second.scheduledEventId())));
    var events = engine.history.size();

    engine.fire(Timers.taskTimeout(second.scheduledEventId()));

    assertThat(engine.history).hasSize(events);
    assertThat(engine.last.reply()).isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldHandleEachTimeOutThroughItsOwnCatch() {
    var engine = given(MAP_OF_SLOW_TASKS.formatted("""
        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}],""").replace("\"End\": true}}}}}}",
        "\"End\": true}, \"Late\": {\"Type\": \"Pass\", \"Result\": \"late\", \"End\": true}}}}}}"));
    engine.start("[1, 2]");

    engine.at(Duration.ofSeconds(5)).fire(Timers.taskTimeout(engine.openTasks().get(1).scheduledEventId()));

    assertThat(engine.sequence()).containsSubsequence("12<-8 TaskTimedOut", "13<-11 TaskTimedOut", "14<-12 TaskStateExited",
        "15<-14 PassStateEntered", "16<-15 PassStateExited", "17<-16 MapIterationSucceeded", "18<-13 TaskStateExited");
    assertThat(engine.execution.output()).contains(json("[\"late\", \"late\"]"));
  }

  @Test
  void shouldLeaveATaskWhoseTimeoutEndsLaterRunning() {
    var engine = given("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Quick", "States": {"Quick": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "TimeoutSeconds": 5, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gave up"}], "End": true},
            "Gave up": {"Type": "Pass", "Result": "gave up", "End": true}}},
          {"StartAt": "Patient", "States": {"Patient": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "TimeoutSeconds": 10, "End": true}}}]}}}""");
    engine.start("{}");
    var patient = engine.openTasks().get(1);

    engine.at(Duration.ofSeconds(5)).fire(Timers.taskTimeout(engine.openTasks().get(0).scheduledEventId()));

    assertThat(engine.openTasks()).containsExactly(patient);
    assertThat(engine.types()).containsOnlyOnce(HistoryEventType.TASK_TIMED_OUT);
    engine.succeed(patient, "\"done\"");
    assertThat(engine.execution.output()).contains(json("[\"gave up\", \"done\"]"));
  }

  @Test
  void shouldTimeOutATaskAloneWhenItsHeartbeatIsMissed() {
    var engine = given(MAP_OF_SLOW_TASKS.formatted("\"HeartbeatSeconds\": 2,").replace("lambda:invoke", "sqs:sendMessage.waitForTaskToken"));
    engine.start("[1, 2]");
    var tasks = List.copyOf(engine.openTasks());

    engine.at(Duration.ofSeconds(2)).fire(Timers.heartbeatTimeout(tasks.get(1).scheduledEventId()));

    assertThat(engine.sequence()).containsSubsequence("12<-11 TaskTimedOut", "13<-12 MapIterationFailed", "14<-12 TaskStateAborted");
    assertThat(engine.types()).containsOnlyOnce(HistoryEventType.TASK_TIMED_OUT);
  }
}
