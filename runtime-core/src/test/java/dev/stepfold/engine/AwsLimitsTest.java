package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.history.HistoryEventType;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AWS's hard limits inside an execution: 256 KiB payloads and 25,000 history events. */
class AwsLimitsTest {
  private static final String BIG = "x".repeat(262_144);

  @Test
  void shouldFailTheExecutionWhenASynchronousLoopReachesTheHistoryLimit() {
    var engine = given("""
        {"StartAt": "Again", "States": {"Again": {"Type": "Pass", "Next": "Done?"},
          "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "IsPresent": true, "Next": "Done"}], "Default": "Again"},
          "Done": {"Type": "Succeed"}}}""");

    engine.start("{}");

    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.execution.error()).contains("States.Runtime");
    assertThat(engine.history).hasSizeLessThanOrEqualTo(25_000);
    assertThat(engine.sequence()).last().asString().endsWith("ExecutionFailed");
  }

  @Test
  void shouldFailTheExecutionWhenRetriesReachTheHistoryLimit() {
    var engine = given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 1, "MaxAttempts": 99999999}], "End": true}}}""");
    engine.start("{}");
    // Some 8,000 attempts: decided directly, the history folded once at the end (the kit's fold after every command
    // would take minutes).
    var execution = engine.execution;
    var history = new ArrayList<>(engine.history);
    var now = EngineTestKit.T0;
    TaskDispatch task = engine.lastTask();
    for (int attempt = 0; attempt < 10_000 && !execution.status().isClosed(); attempt++) {
      var failed = engine.decider.decide(execution, new Command.SendTaskFailure("fail-" + attempt, engine.executionArn, task.taskToken(),
          Optional.of("Card.Declined"), Optional.of("declined")), now);
      history.addAll(failed.events());
      execution = failed.execution();
      if (execution.status().isClosed()) {
        break;
      }
      var retry = (TimerChange.Set) failed.timers().get(failed.timers().size() - 1);
      now = retry.due();
      var retried = engine.decider.decide(execution, new Command.FireTimer("retry-" + attempt, engine.executionArn, retry.timerId()), now);
      history.addAll(retried.events());
      execution = retried.execution();
      if (!retried.tasks().isEmpty()) {
        task = retried.tasks().get(0);
      }
    }

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(history).hasSizeLessThanOrEqualTo(25_000);
    assertThat(history.get(history.size() - 1).type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).id()).isEqualTo(i + 1);
    }
    assertThat(engine.replay(history)).isEqualTo(execution);
  }

  @Test
  void shouldFailATaskWhoseResultIsOverThePayloadLimitWithDataLimitExceeded() {
    var engine = given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""");
    engine.start("{}");

    engine.succeedTask("{\"Payload\": \"" + BIG + "\"}");

    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.execution.error()).contains("States.DataLimitExceeded");
    assertThat(engine.sequence()).last().asString().endsWith("ExecutionFailed");
  }

  @Test
  void shouldFailWithDataLimitExceededWhenAStatesInputIsBuiltOverTheLimit() {
    var engine = given("""
        {"StartAt": "Grow", "States": {
          "Grow": {"Type": "Pass", "Parameters": {"a.$": "$.text", "b.$": "$.text"}, "Next": "Use"},
          "Use": {"Type": "Pass", "End": true}}}""");

    engine.start("{\"text\": \"" + "y".repeat(140_000) + "\"}");

    assertThat(engine.execution.error()).contains("States.DataLimitExceeded");
    assertThat(engine.types()).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
        HistoryEventType.EXECUTION_FAILED);
  }

  @Test
  void shouldRejectAStartWhoseInputIsOverThePayloadLimit() {
    var engine = given("""
        {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}""");

    var decision = engine.start("{\"text\": \"" + BIG + "\"}");

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(dev.stepfold.error.ApiError.INVALID_EXECUTION_INPUT));
    assertThat(engine.history).isEmpty();
  }
}
