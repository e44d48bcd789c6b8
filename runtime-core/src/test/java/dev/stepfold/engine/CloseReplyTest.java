package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.ROLE;
import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A start that names a {@code closeRequestId} (StartSyncExecution) is answered a second time, when the execution closes. */
class CloseReplyTest {
  private static final String PASS = """
      {"StartAt": "Hi", "States": {"Hi": {"Type": "Pass", "Result": {"hello": "world"}, "End": true}}}""";
  private static final String TASK = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";
  private static final String SLOW = """
      {"StartAt": "Work", "TimeoutSeconds": 600,
       "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";
  private static final String QUICK = """
      {"StartAt": "Work", "TimeoutSeconds": 30,
       "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";

  private static Command.StartExecution syncStart(EngineTestKit kit, String input) {
    return new Command.StartExecution("start-1", kit.executionArn, kit.stateMachineArn, ExecutionType.EXPRESS, kit.definition, input, ROLE,
        Optional.empty(), Optional.empty(), Optional.of("start-1/closed"));
  }

  @Test
  void shouldAnswerTheCloseRequestInTheDecisionThatClosesTheExecution() {
    var kit = given(PASS);
    var decision = kit.send(syncStart(kit, "{\"n\": 1}"));

    assertThat(decision.reply()).isInstanceOf(Reply.Accepted.class);
    var close = decision.closeReply().orElseThrow();
    assertThat(close.requestId()).isEqualTo("start-1/closed");
    assertThat(close.data().get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(close.data().get("executionArn").asText()).isEqualTo(kit.executionArn.value());
    assertThat(close.data().get("name").asText()).isEqualTo("run-1");
    assertThat(close.data().get("input")).isEqualTo(json("{\"n\": 1}"));
    assertThat(close.data().get("output")).isEqualTo(json("{\"hello\": \"world\"}"));
    assertThat(close.data().get("startDate").decimalValue()).isEqualByComparingTo(close.data().get("stopDate").decimalValue());
    assertThat(close.data().has("error")).isFalse();
  }

  @Test
  void shouldAnswerTheCloseRequestOnlyWhenALaterCommandClosesIt() {
    var kit = given(TASK);
    assertThat(kit.send(syncStart(kit, "{}")).closeReply()).as("still running").isEmpty();

    var failed = kit.at(Duration.ofSeconds(2)).failTask("Work.Broken", "it broke");

    var close = failed.closeReply().orElseThrow();
    assertThat(close.data().get("status").asText()).isEqualTo("FAILED");
    assertThat(close.data().get("error").asText()).isEqualTo("Work.Broken");
    assertThat(close.data().get("cause").asText()).isEqualTo("it broke");
    assertThat(close.data().has("output")).isFalse();
    assertThat(close.data().get("stopDate").decimalValue().subtract(close.data().get("startDate").decimalValue())).isEqualByComparingTo("2");
  }

  @Test
  void shouldAnswerNoCloseRequestForAStartThatNamedNone() {
    var kit = given(PASS);
    assertThat(kit.start("{}").closeReply()).isEmpty();
  }

  @Test
  void shouldTimeOutASyncExecutionAfterFiveMinutesUnlessItsDefinitionSaysSooner() {
    var slow = given(SLOW);
    slow.send(syncStart(slow, "{}"));
    assertThat(slow.lastTimerSet().timerId()).isEqualTo(Timers.EXECUTION_TIMEOUT);
    assertThat(slow.lastTimerSet().due()).isEqualTo(EngineTestKit.T0.plus(Timers.SYNC_EXECUTION_LIMIT));

    var timedOut = slow.fireLastTimer();
    assertThat(timedOut.closeReply().orElseThrow().data().get("status").asText()).isEqualTo("TIMED_OUT");

    var quick = given(QUICK);
    quick.send(syncStart(quick, "{}"));
    assertThat(quick.lastTimerSet().due()).isEqualTo(EngineTestKit.T0.plusSeconds(30));

    var noTimeout = given(TASK);
    noTimeout.start("{}");
    assertThat(noTimeout.timers).as("an execution no request waits on keeps its definition's timeout: none").isEmpty();
  }

  @Test
  void shouldCancelTheFiveMinuteTimerWhenTheExecutionCloses() {
    var kit = given(TASK);
    kit.send(syncStart(kit, "{}"));
    kit.succeedTask("{}");
    assertThat(kit.timers).contains(new TimerChange.Cancel(Timers.EXECUTION_TIMEOUT));
  }
}
