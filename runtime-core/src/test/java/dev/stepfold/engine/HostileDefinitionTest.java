package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Definitions and inputs {@link AslDefinitionFuzzTest} found the engine mishandling, each as it should end. */
class HostileDefinitionTest {

  @Test
  void shouldFailTheExecutionWhenACatcherCannotPlaceTheErrorInTheInput() {
    var engine = given("""
        {"StartAt": "Charge", "States": {
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}], "End": true},
          "Recover": {"Type": "Pass", "End": true}}}""");
    engine.start("[]");

    engine.failTask("Card.Declined", "declined");

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 TaskStateEntered", "3<-2 TaskScheduled",
        "4<-3 TaskStarted", "5<-4 TaskFailed", "6<-5 ExecutionFailed");
    assertThat(engine.execution.error()).contains("States.ResultPathMatchFailure");
  }

  @Test
  void shouldFailTheExecutionWhenTheCatcherOfAParallelWhoseResultCannotBePlacedCannotPlaceTheErrorEither() {
    var engine = given("""
        {"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "ResultPath": "$.both",
                   "Branches": [{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
                   "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}], "End": true},
          "Recover": {"Type": "Pass", "End": true}}}""");
    engine.start("[]");

    engine.succeedTask("{}");

    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.execution.error()).contains("States.ResultPathMatchFailure");
    assertThat(engine.sequence()).endsWith("9<-8 ParallelStateSucceeded", "10<-9 ExecutionFailed");
  }
}
