package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import org.junit.jupiter.api.Test;

/** Parallel and inline Map: branches and iterations, their order, their failures, their retries. */
class FanoutTest {
  private static final String TWO_BRANCHES = """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "Next": "Done",
        "Branches": [
          {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]},
        "Done": {"Type": "Succeed"}}}""";

  private static final String MAP_OF_TASKS = """
      {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "ItemsPath": "$.items", %s
        "ItemProcessor": {"StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        "End": true}}}""";

  @Test
  void shouldCollectBranchResultsInBranchOrderWhateverOrderTheyEnd() {
    var engine = given(TWO_BRANCHES);
    engine.start("{\"order\": 7}");
    var charge = engine.openTasks().get(0);
    var reserve = engine.openTasks().get(1);
    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 ParallelStateEntered", "3<-2 ParallelStateStarted",
        "4<-3 TaskStateEntered", "5<-4 TaskScheduled", "6<-5 TaskStarted", "7<-3 TaskStateEntered", "8<-7 TaskScheduled", "9<-8 TaskStarted");

    engine.succeed(reserve, "\"reserved\"");
    engine.succeed(charge, "\"charged\"");

    assertThat(engine.sequence()).endsWith("10<-9 TaskSucceeded", "11<-10 TaskStateExited", "12<-6 TaskSucceeded", "13<-12 TaskStateExited",
        "14<-13 ParallelStateSucceeded", "15<-13 ParallelStateExited", "16<-15 SucceedStateEntered", "17<-16 SucceedStateExited",
        "18<-17 ExecutionSucceeded");
    assertThat(engine.execution.output()).contains(json("[\"charged\", \"reserved\"]"));
  }

  @Test
  void shouldAbortTheOtherBranchesWhenOneFails() {
    var engine = given(TWO_BRANCHES);
    engine.start("{}");
    var charge = engine.openTasks().get(0);

    engine.fail(charge, "Card.Declined", "no funds");

    assertThat(engine.sequence()).endsWith("10<-6 TaskFailed", "11<-10 TaskStateAborted", "12<-10 TaskStateAborted",
        "13<-10 ParallelStateFailed", "14<-13 ExecutionFailed");
    assertThat(engine.history.get(10).scope().indexes()).containsExactly(1);
    assertThat(engine.history.get(11).scope().indexes()).containsExactly(0);
    assertThat(engine.execution.error()).contains("Card.Declined");
    assertThat(engine.openTasks()).isEmpty();
  }

  @Test
  void shouldRunIterationsOneAfterAnotherWithMaxConcurrencyOne() {
    var engine = given("""
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "MaxConcurrency": 1,
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}, "End": true}}}""");

    engine.start("[\"a\", \"b\"]");

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 MapStateEntered", "3<-2 MapStateStarted",
        "4<-3 MapIterationStarted", "5<-4 PassStateEntered", "6<-5 PassStateExited", "7<-6 MapIterationSucceeded",
        "8<-6 MapIterationStarted", "9<-8 PassStateEntered", "10<-9 PassStateExited", "11<-10 MapIterationSucceeded",
        "12<-11 MapStateSucceeded", "13<-11 MapStateExited", "14<-13 ExecutionSucceeded");
    assertThat(engine.execution.output()).contains(json("[\"a\", \"b\"]"));
  }

  @Test
  void shouldStartEveryIterationTogetherAndKeepResultsInItemOrder() {
    var engine = given(MAP_OF_TASKS.formatted(""));
    engine.start("{\"items\": [1, 2, 3]}");
    var open = engine.openTasks();
    assertThat(open).hasSize(3);
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.MAP_ITERATION_STARTED)
        .map(e -> e.previousEventId())).containsOnly(3L);

    engine.succeed(open.get(2), "30");
    engine.succeed(open.get(0), "10");
    engine.succeed(open.get(1), "20");

    assertThat(engine.execution.output()).contains(json("[10, 20, 30]"));
  }

  @Test
  void shouldStartTheNextIterationWhenOneEndsUnderMaxConcurrency() {
    var engine = given(MAP_OF_TASKS.formatted("\"MaxConcurrency\": 2,"));
    engine.start("{\"items\": [1, 2, 3]}");
    assertThat(engine.openTasks()).hasSize(2);

    engine.succeed(engine.openTasks().get(1), "20");

    assertThat(engine.openTasks()).hasSize(2);
    assertThat(engine.openTasks().get(1).payload()).isEqualTo(json("3"));
  }

  @Test
  void shouldGiveItemSelectorTheItemAndItsIndex() {
    var engine = given("""
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "ItemsPath": "$.items",
          "ItemSelector": {"sku.$": "$$.Map.Item.Value", "position.$": "$$.Map.Item.Index", "order.$": "$.order"},
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}, "End": true}}}""");

    engine.start("{\"order\": 9, \"items\": [\"x\", \"y\"]}");

    assertThat(engine.execution.output()).contains(json(
        "[{\"sku\": \"x\", \"position\": 0, \"order\": 9}, {\"sku\": \"y\", \"position\": 1, \"order\": 9}]"));
  }

  @Test
  void shouldFailTheMapAndAbortRunningIterationsWhenOneFails() {
    var engine = given(MAP_OF_TASKS.formatted(""));
    engine.start("{\"items\": [1, 2]}");
    var first = engine.openTasks().get(0);
    long failedEventId = engine.history.size() + 1;

    engine.fail(first, "Boom", "it broke");

    assertThat(engine.sequence()).endsWith(
        failedEventId + 1 + "<-" + failedEventId + " MapIterationFailed",
        failedEventId + 2 + "<-" + failedEventId + " TaskStateAborted",
        failedEventId + 3 + "<-" + failedEventId + " MapIterationAborted",
        failedEventId + 4 + "<-" + failedEventId + " TaskStateAborted",
        failedEventId + 5 + "<-" + failedEventId + " MapStateFailed",
        failedEventId + 6 + "<-" + (failedEventId + 5) + " ExecutionFailed");
    var iterations = engine.execution.root().active().orElseThrow().fanout().orElseThrow();
    assertThat(iterations.branch(0).status()).isEqualTo(Scope.ScopeStatus.FAILED);
    assertThat(iterations.branch(1).status()).isEqualTo(Scope.ScopeStatus.ABORTED);
  }

  @Test
  void shouldRetryAMapAsANewAttemptWithoutMapStateFailed() {
    var engine = given("""
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map",
          "ItemProcessor": {"StartAt": "Fail", "States": {"Fail": {"Type": "Fail", "Error": "Broken"}}},
          "Retry": [{"ErrorEquals": ["Broken"], "MaxAttempts": 1, "IntervalSeconds": 1}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""");
    engine.start("[1]");
    assertThat(engine.sequence()).endsWith("4<-3 MapIterationStarted", "5<-4 FailStateEntered", "6<-5 MapIterationFailed");

    engine.fireLastTimer();

    assertThat(engine.sequence()).endsWith("7<-5 MapStateStarted", "8<-7 MapIterationStarted", "9<-8 FailStateEntered",
        "10<-9 MapIterationFailed", "11<-9 MapStateFailed", "12<-11 MapStateExited", "13<-12 PassStateEntered",
        "14<-13 PassStateExited", "15<-14 ExecutionSucceeded");
    assertThat(engine.history.get(6).details(EventDetails.MapStateStarted.class).retriedError()).contains("Broken");
    assertThat(engine.execution.output()).contains(json("{\"Error\": \"Broken\", \"Cause\": \"\"}"));
  }

  @Test
  void shouldKeepStateForEveryLevelOfNesting() {
    var engine = given("""
        {"StartAt": "Outer", "States": {"Outer": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "Split", "States": {"Split": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Inner", "States": {"Inner": {"Type": "Map", "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}},
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}]}}}}}}""");
    engine.start("[[1, 2], [3]]");
    assertThat(engine.openTasks()).hasSize(3);
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).map(e -> e.scope().indexes()))
        .containsExactly(java.util.List.of(0, 0, 0), java.util.List.of(0, 0, 1), java.util.List.of(1, 0, 0));

    for (var task : engine.openTasks()) {
      engine.succeed(task, "{\"done\": " + task.payload() + "}");
    }

    assertThat(engine.execution.output()).contains(json(
        "[[[{\"done\": 1}, {\"done\": 2}], [1, 2]], [[{\"done\": 3}], [3]]]"));
  }
}
