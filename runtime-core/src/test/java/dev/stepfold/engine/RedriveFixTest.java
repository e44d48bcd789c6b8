package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.redrive.RedrivePlanner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Redrive after a fix, beyond the golden histories: what is refused and why (naming the state), where a corrected
 * input goes, and that the execution keeps the version it was redriven onto.
 */
class RedriveFixTest {
  private static final String TWO_TASKS = """
      {"StartAt": "Reserve", "States": {
        "Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.reservation", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.charge", "End": true}}}""";
  private static final String PARALLEL = """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""";
  private static final String MAP = """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true, "ItemProcessor": {
        "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""";

  @Test
  void shouldRefuseARedriveFromAStateThatNeverRan() {
    var engine = failedAt(TWO_TASKS, "Reserve");

    var decision = engine.send(redrive(engine, new RedriveFix(Optional.empty(), Optional.of("Charge"), Optional.empty())));

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "State 'Charge' has not run in the execution's top level, so the execution cannot be redriven from it"));
  }

  @Test
  void shouldRefuseARedriveFromAStateTheNewVersionDoesNotHave() {
    var engine = failedAt(TWO_TASKS, "Charge");
    var version = version(engine, 2, TWO_TASKS.replace("\"Reserve\"", "\"Book\""));

    var decision = engine.send(redrive(engine, new RedriveFix(Optional.of(version), Optional.of("Reserve"), Optional.empty())));

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "State 'Reserve' to redrive from does not exist in the top level of version " + version.stateMachineVersionArn()));
  }

  @Test
  void shouldRefuseOntoAVersionWhoseParallelHasAnotherNumberOfBranches() {
    var engine = failedAt(PARALLEL, "Reserve");
    var threeBranches = PARALLEL.replace("]}}}", ", {\"StartAt\": \"Ship\", \"States\": {\"Ship\": {\"Type\": \"Pass\", \"End\": true}}}]}}}");
    var version = version(engine, 2, threeBranches);

    var decision = engine.send(redrive(engine, onto(version)));

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "State 'Both' must run again keeping the results it recorded as a Parallel state with 2 branches, but version "
            + version.stateMachineVersionArn() + " changes its structure"));
  }

  @Test
  void shouldRefuseOntoAVersionThatRenamedTheFailedStateOfABranch() {
    var engine = failedAt(PARALLEL, "Reserve");
    var version = version(engine, 2, PARALLEL.replace("\"Reserve\"", "\"Book\""));

    var decision = engine.send(redrive(engine, onto(version)));

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "State 'Reserve' must run again, but version " + version.stateMachineVersionArn() + " has no state 'Reserve' in branch 2 of"
            + " Parallel state 'Both'"));
  }

  @Test
  void shouldRefuseAVersionOfAnotherStateMachine() {
    var engine = failedAt(TWO_TASKS, "Reserve");
    var other = new RedriveFix.Version("arn:aws:states:us-east-1:123456789012:stateMachine:other:2", Optional.empty(), engine.definition);

    var decision = engine.send(redrive(engine, onto(other)));

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, "Expected a version of state machine '"
        + engine.stateMachineArn + "' to redrive onto, but got '" + other.stateMachineVersionArn() + "'"));
  }

  @Test
  void shouldGiveTheWholeCorrectedInputToTheStateThatRunsAgain() {
    var engine = failedAt(TWO_TASKS, "Reserve");

    engine.send(redrive(engine, corrected(new RedriveFix.InputCorrection.Replace(json("{\"order\": 8}")))));

    assertThat(lastEntered(engine)).isEqualTo(new EventDetails.StateEntered("Reserve", json("{\"order\": 8}")));
  }

  @Test
  void shouldMergeTheCorrectedInputIntoEachIterationThatRunsAgainAndNotIntoTheMap() {
    var engine = given(MAP);
    engine.start("{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}");
    var tasks = engine.openTasks();
    engine.at(Duration.ofSeconds(1)).succeed(tasks.get(0), "\"one\"");
    engine.fail(tasks.get(1), "Bad.Item", "n is wrong");

    engine.at(Duration.ofHours(1)).send(redrive(engine, corrected(new RedriveFix.InputCorrection.Merge(json("{\"fixed\": true}")))));

    var entered = entered(engine.last.events());
    // iteration 1 failed and iteration 2 was aborted with it: both run again, each with the patch merged into its input
    assertThat(entered).containsExactly(new EventDetails.StateEntered("Each", json("{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}")),
        new EventDetails.StateEntered("Work", json("{\"n\": 2, \"fixed\": true}")),
        new EventDetails.StateEntered("Work", json("{\"n\": 3, \"fixed\": true}")));
  }

  @Test
  void shouldKeepTheVersionItWasRedrivenOntoForLaterRedrives() {
    var engine = failedAt(TWO_TASKS, "Reserve");
    var renamed = TWO_TASKS.replace("\"Charge\"", "\"Pay\"");
    var version = version(engine, 2, renamed);
    engine.at(Duration.ofHours(1)).send(redrive(engine, onto(version)));
    engine.succeed(engine.openTasks().get(0), "{\"slot\": 1}");
    engine.fail(engine.openTasks().get(0), "Card.Declined", "no funds");

    engine.at(Duration.ofHours(2)).send(new Command.RedriveExecution("plain", engine.executionArn, Optional.of("plain")));

    assertThat(engine.execution.started().orElseThrow().stateMachineVersionArn()).contains(version.stateMachineVersionArn());
    assertThat(lastEntered(engine).name()).isEqualTo("Pay");
  }

  @Test
  void shouldPlanTheStatesOfTheNewVersionWithTheirCorrectedInput() {
    var engine = failedAt(PARALLEL, "Reserve");
    var version = version(engine, 2, PARALLEL.replace("\"End\": true}}}]}}}", "\"Next\": \"Confirm\"}, \"Confirm\": {\"Type\": \"Pass\", \"End\": true}}}]}}}"));
    var fix = new RedriveFix(Optional.of(version), Optional.empty(), Optional.of(new RedriveFix.InputCorrection.Merge(json("{\"sku\": \"B\"}"))));

    var plan = RedrivePlanner.plan(engine.decider, engine.execution, engine.now.plus(Duration.ofHours(1)), RedrivePlanner.MapRuns.NONE, fix);

    assertThat(plan.stateMachineVersionArn()).contains(version.stateMachineVersionArn());
    var both = plan.reruns().get(0);
    assertThat(both.stateName()).isEqualTo("Both");
    assertThat(both.branches()).extracting(branch -> branch.keepsResult()).containsExactly(true, false);
    assertThat(both.branches().get(1).rerun().orElseThrow().input()).isEqualTo(json("{\"order\": 7, \"sku\": \"B\"}"));
  }

  /** The execution of {@code definition} with input {"order": 7}, every task before {@code failing} succeeded and that one failed. */
  private static EngineTestKit failedAt(String definition, String failing) {
    var engine = given(definition);
    engine.start("{\"order\": 7}");
    engine.at(Duration.ofSeconds(1));
    for (int step = 0; step < 10 && !engine.execution.status().isClosed(); step++) {
      var task = engine.openTasks().get(0);
      if (task.stateName().equals(failing)) {
        engine.fail(task, "Broken", "it broke");
      } else {
        engine.succeed(task, "\"done\"");
      }
    }
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    return engine.at(Duration.ofHours(1));
  }

  private static RedriveFix.Version version(EngineTestKit engine, int number, String definition) {
    return new RedriveFix.Version(engine.stateMachineArn.value() + ":" + number, Optional.empty(), EngineTestKit.definition(definition));
  }

  private static RedriveFix onto(RedriveFix.Version version) {
    return new RedriveFix(Optional.of(version), Optional.empty(), Optional.empty());
  }

  private static RedriveFix corrected(RedriveFix.InputCorrection correction) {
    return new RedriveFix(Optional.empty(), Optional.empty(), Optional.of(correction));
  }

  private static Command.RedriveExecution redrive(EngineTestKit engine, RedriveFix fix) {
    return new Command.RedriveExecution("redrive-fix", engine.executionArn, Optional.of("fix"), Origin.CLIENT, fix);
  }

  private static List<EventDetails.StateEntered> entered(List<HistoryEvent> events) {
    return events.stream().filter(event -> event.details() instanceof EventDetails.StateEntered)
        .map(event -> event.details(EventDetails.StateEntered.class)).toList();
  }

  private static EventDetails.StateEntered lastEntered(EngineTestKit engine) {
    var entered = entered(engine.history);
    return entered.get(entered.size() - 1);
  }
}
