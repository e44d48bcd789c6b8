package dev.stepfold.maprun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Distributed Map run end to end in the engine: the parent starts a map run, the map run starts its children
 * (simulated here: each ends as the test says), and the parent goes on when the map run reports back.
 */
class DistributedMapTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Set<Integer> FAILING_ITEMS = Set.of(17, 4_000, 9_000);
  private static final ChildOutcome ABORTED = new ChildOutcome(ExecutionStatus.ABORTED, Optional.empty(), Optional.empty(), Optional.empty());

  private final StepfoldDecider decider = new StepfoldDecider();
  private final MapRunDecider mapRuns = new MapRunDecider();

  @Test
  void shouldRunTenThousandItemsWithAThousandAtATimeAndTolerateThreeFailures() {
    var run = runMap(10_000, 1_000, 3);

    assertThat(run.mapRun().status()).isEqualTo(MapRunStatus.SUCCEEDED);
    assertThat(run.mapRun().counts()).isEqualTo(new MapRunCounts(0, 0, 9_997, 3, 0, 0, 10_000));
    assertThat(run.mostRunningAtOnce()).isEqualTo(1_000);
    assertThat(run.parent().execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    var output = run.parent().execution().output().orElseThrow();
    assertThat(output.size()).isEqualTo(10_000);
    assertThat(output.get(5).asInt()).isEqualTo(5);
    assertThat(output.get(17).path("Error").asText()).isEqualTo("Item.Broken");
    assertThat(run.parent().events().stream().map(event -> event.type())).containsExactly(
        HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void shouldFailTheMapRunAsSoonAsMoreFailThanTolerated() {
    var run = runMap(10_000, 1_000, 2);

    assertThat(run.mapRun().status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(run.mapRun().counts().failed()).isEqualTo(3);
    assertThat(run.stopped()).as("the children still running when the third failed").isEqualTo(999);
    assertThat(run.parent().execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.parent().execution().error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    assertThat(run.parent().events().stream().map(event -> event.type())).containsExactly(
        HistoryEventType.MAP_RUN_FAILED, HistoryEventType.MAP_STATE_FAILED, HistoryEventType.EXECUTION_FAILED);
  }

  @Test
  void shouldFailAtTheFirstFailureWithoutAToleratedFailureSetting() {
    var dispatch = dispatch(3, 0, -1);
    var started = mapRuns.start(dispatch);

    var ended = mapRuns.childEnded(started.mapRun(), 1, ChildOutcome.failed("Item.Broken", "no"));

    assertThat(ended.mapRun().status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(ended.childStops()).hasSize(2);
    assertThat(ended.completion()).as("R52: the parent hears once the stopped children have reported").isEmpty();
    var firstStopped = mapRuns.childEnded(ended.mapRun(), 0, ABORTED);
    assertThat(firstStopped.completion()).isEmpty();
    var closed = mapRuns.childEnded(firstStopped.mapRun(), 2, ABORTED);
    assertThat(closed.mapRun().closed()).isTrue();
    assertThat(closed.completion().orElseThrow().succeeded()).isFalse();
    assertThat(closed.completion().orElseThrow().error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
  }

  @Test
  void shouldFailWithItemReaderFailedWhenItemsComeFromOutsideTheExecution() {
    var decision = startDefinition("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
          "Parameters": {"Bucket": "orders", "Key": "today.json"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""", "[]");

    assertThat(decision.mapRuns()).isEmpty();
    assertThat(decision.execution().error()).contains(StatesError.ITEM_READER_FAILED);
    assertThat(decision.events().stream().map(event -> event.type())).endsWith(
        HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_FAILED, HistoryEventType.MAP_STATE_FAILED, HistoryEventType.EXECUTION_FAILED);
  }

  @Test
  void shouldFailWithResultWriterFailedWhenResultsGoOutsideTheExecution() {
    var started = startDefinition("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
          "Parameters": {"Bucket": "results", "Prefix": "run"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""", "[1, 2]");
    var run = mapRuns.start(started.mapRunStarts().get(0));
    var mapRun = run.mapRun();
    for (var child : run.childStarts()) {
      assertThat(child.start().executionArn().value()).contains(":express:");
      var next = mapRuns.childEnded(mapRun, child.index(), ChildOutcome.succeeded(JsonNodeFactory.instance.numberNode(child.index())));
      mapRun = next.mapRun();
      if (next.completion().isPresent()) {
        var parent = decider.decide(started.execution(), next.completion().get(), NOW);
        assertThat(parent.execution().error()).contains(StatesError.RESULT_WRITER_FAILED);
      }
    }
    assertThat(mapRun.status()).isEqualTo(MapRunStatus.SUCCEEDED);
  }

  @Test
  void shouldNameTheMapRunAndItsChildrenAsAwsDoes() {
    var dispatch = startParent(2, 1, 0).mapRunStarts().get(0);

    assertThat(dispatch.mapRunArn().value()).matches("arn:aws:states:us-east-1:123456789012:mapRun:orders/EachOrder:[0-9a-f-]{36}");
    assertThat(MapRunDecider.childArn(dispatch, 0).value()).matches("arn:aws:states:us-east-1:123456789012:execution:orders/EachOrder:[0-9a-f-]{36}");
    assertThat(MapRunDecider.childArn(dispatch, 0)).isNotEqualTo(MapRunDecider.childArn(dispatch, 1));
  }

  @Test
  void shouldTolerateAFailurePercentage() {
    var parent = startParent(4, 2, 0).mapRunStarts().get(0);
    var dispatch = new MapRunDispatch(parent.mapRunArn(), parent.parentExecutionArn(), parent.stateName(), parent.items(), parent.childDefinition(),
        parent.childExecutionType(), parent.maxConcurrency(), OptionalLong.empty(), OptionalDouble.of(25), parent.roleArn());
    var run = mapRuns.start(dispatch);

    var first = mapRuns.childEnded(run.mapRun(), 0, ChildOutcome.failed("Item.Broken", "no"));
    assertThat(first.mapRun().status()).as("1 of 4 failed: 25%% is tolerated").isEqualTo(MapRunStatus.RUNNING);
    var second = mapRuns.childEnded(first.mapRun(), 1, ChildOutcome.failed("Item.Broken", "no"));
    assertThat(second.mapRun().status()).as("2 of 4 failed: 50%% is not").isEqualTo(MapRunStatus.FAILED);
  }

  private Decision startDefinition(String definition, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    return decider.decide(decider.initialState(), new Command.StartExecution("start", stateMachine.execution("batch-2"), stateMachine,
        ExecutionType.STANDARD, parsed.definition(), input, "arn:aws:iam::111111111111:role/stepfold"), NOW);
  }

  private record Outcome(MapRun mapRun, int mostRunningAtOnce, int stopped, Decision parent) {}

  /** Starts a parent whose Distributed Map runs {@code items} children, each succeeding with its item unless it is a failing one. */
  private Outcome runMap(int items, int maxConcurrency, int toleratedFailureCount) {
    var parentDecision = startParent(items, maxConcurrency, toleratedFailureCount);
    var dispatch = parentDecision.mapRunStarts().get(0);
    assertThat(dispatch.items()).hasSize(items);
    assertThat(dispatch.maxConcurrency()).isEqualTo(maxConcurrency);

    var decision = mapRuns.start(dispatch);
    var running = new ArrayDeque<>(decision.childStarts());
    var mapRun = decision.mapRun();
    var completion = decision.completion();
    int most = (int) mapRun.counts().running();
    int stopped = 0;
    while (completion.isEmpty() && !running.isEmpty()) {
      var child = running.poll();
      var outcome = mapRun.status() != MapRunStatus.RUNNING ? ABORTED   // a child the map run stopped reports back
          : FAILING_ITEMS.contains(child.index()) ? ChildOutcome.failed("Item.Broken", "item " + child.index() + " is broken")
          : ChildOutcome.succeeded(JsonNodeFactory.instance.numberNode(child.index()));
      var next = mapRuns.childEnded(mapRun, child.index(), outcome);
      mapRun = next.mapRun();
      most = Math.max(most, (int) mapRun.counts().running());
      running.addAll(next.childStarts());
      stopped += next.childStops().size();
      completion = next.completion();
    }
    var parent = decider.decide(parentDecision.execution(), completion.orElseThrow(), NOW);
    return new Outcome(mapRun, most, stopped, parent);
  }

  private Decision startParent(int items, int maxConcurrency, int toleratedFailureCount) {
    var definition = """
        {"StartAt": "EachOrder", "States": {"EachOrder": {"Type": "Map", "MaxConcurrency": %d, "ToleratedFailureCount": %d,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}"""
        .formatted(maxConcurrency, toleratedFailureCount);
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var input = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < items; i++) {
      input.add(i);
    }
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var decision = decider.decide(decider.initialState(), new Command.StartExecution("start", stateMachine.execution("batch-1"), stateMachine,
        ExecutionType.STANDARD, parsed.definition(), input.toString(), "arn:aws:iam::111111111111:role/stepfold"), NOW);
    assertThat(decision.events().stream().map(event -> event.type())).containsExactly(HistoryEventType.EXECUTION_STARTED,
        HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_STARTED);
    return decision;
  }

  private MapRunDispatch dispatch(int items, int maxConcurrency, long toleratedFailureCount) {
    var parent = startParent(items, maxConcurrency == 0 ? 10 : maxConcurrency, 0).mapRunStarts().get(0);
    return new MapRunDispatch(parent.mapRunArn(), parent.parentExecutionArn(), parent.stateName(), parent.items(), parent.childDefinition(),
        parent.childExecutionType(), parent.maxConcurrency(), toleratedFailureCount < 0 ? OptionalLong.empty()
            : OptionalLong.of(toleratedFailureCount), OptionalDouble.empty(), parent.roleArn());
  }
}
