package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.Transition;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.StateTest;
import dev.stepfold.engine.Trial;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A Parallel or Map under test ({@link Trial}): it processes its input as it would run (InputPath, Parameters or
 * Arguments, ItemsPath, ItemSelector, MaxConcurrency, the tolerated failures), then its mock stands for what its
 * branches or iterations return: the mocked result goes through ResultSelector and ResultPath, a mocked error through
 * Retry and Catch. A Map whose tolerated failures the test's {@code mapIterationFailureCount} exceeds fails with
 * {@code States.ExceedToleratedFailureThreshold}, as AWS's TestState reports it.
 */
final class MockedFanout {
  static final String THRESHOLD_EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";

  private MockedFanout() {}

  static Step map(DecisionBuilder out, ScopePath scope, MapState state, Trial trial, long previousEventId) {
    var active = out.active(scope);
    var env = MapBehavior.env(out, scope, active);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var items = state.itemReader().isPresent()
        ? trial.configuration().mapItemReaderData().orElse(Json.NODES.arrayNode())
        : MapBehavior.items(state, active.input(), effectiveInput, env);
    if (state.itemsPath().isPresent() || state.items().isPresent()) {
      env.inspect("afterItemsPath", items);
    }
    if (state.itemSelector().isPresent()) {
      var selected = Json.NODES.arrayNode();
      for (int i = 0; i < items.size(); i++) {
        selected.add(MapBehavior.selectItem(state, active.input(), effectiveInput, env, i, items.get(i)));
      }
      env.inspect("afterItemSelector", selected);
    }
    int maxConcurrency = MapBehavior.maxConcurrency(state, active.input(), effectiveInput, env);
    var toleratedCount = DistributedMapBehavior.toleratedFailureCount(state, active.input(), effectiveInput, env);
    var toleratedPercentage = DistributedMapBehavior.toleratedFailurePercentage(state, active.input(), effectiveInput, env);
    trial.mapSettings(maxConcurrency, toleratedCount, toleratedPercentage);
    var started = out.append(scope, HistoryEventType.MAP_STATE_STARTED, previousEventId, new EventDetails.MapStateStarted(items.size(), Optional.empty()));
    var mock = mockOf(trial, state);
    if (mock instanceof StateTest.Mock.Error error) {
      return failed(out, scope, state, error, started.id());
    }
    int failures = trial.configuration().mapIterationFailureCount().orElse(0);
    if (exceeds(failures, items.size(), toleratedCount, toleratedPercentage)) {
      return ErrorHandling.handle(out, scope, state, new StatesError(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_EXCEEDED_CAUSE),
          started.id(), true);
    }
    out.append(scope, HistoryEventType.MAP_STATE_SUCCEEDED, started.id(), EventDetails.None.INSTANCE);
    return finished(out, scope, state, ((StateTest.Mock.Result) mock).result(), state.transition(), started.id());
  }

  static Step parallel(DecisionBuilder out, ScopePath scope, ParallelState state, Trial trial, long previousEventId) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, true, Optional.empty());
    DataFlow.payload(state, active.input(), DataFlow.effectiveInput(state, active.input(), env), env);
    var started = out.append(scope, HistoryEventType.PARALLEL_STATE_STARTED, previousEventId, new EventDetails.ParallelStateStarted(Optional.empty()));
    var mock = mockOf(trial, state);
    if (mock instanceof StateTest.Mock.Error error) {
      return failed(out, scope, state, error, started.id());
    }
    out.append(scope, HistoryEventType.PARALLEL_STATE_SUCCEEDED, started.id(), EventDetails.None.INSTANCE);
    return finished(out, scope, state, ((StateTest.Mock.Result) mock).result(), state.transition(), started.id());
  }

  /** Without tolerated failures a test's failed iterations are only counted, as AWS's TestState does. */
  private static boolean exceeds(int failures, int items, OptionalLong toleratedCount, OptionalDouble toleratedPercentage) {
    boolean overCount = toleratedCount.isPresent() && failures > toleratedCount.getAsLong();
    boolean overPercentage = toleratedPercentage.isPresent() && items > 0 && failures * 100.0 / items > toleratedPercentage.getAsDouble();
    return overCount || overPercentage;
  }

  private static Step failed(DecisionBuilder out, ScopePath scope, AslState state, StateTest.Mock.Error error, long startedEventId) {
    return ErrorHandling.handle(out, scope, state, new StatesError(error.error().orElse(""), error.cause().orElse("")), startedEventId, true);
  }

  private static Step finished(DecisionBuilder out, ScopePath scope, AslState state, JsonNode result, Transition transition,
      long previousEventId) {
    return StateFlow.guarded(out, scope, state, () -> {
      var active = out.active(scope);
      var env = StateEnv.of(out, scope, active, true, Optional.empty());
      return StateFlow.exit(out, scope, state, DataFlow.afterResult(state, active.input(), result, env), transition, previousEventId);
    });
  }

  private static StateTest.Mock mockOf(Trial trial, AslState state) {
    return trial.mock().orElseThrow(() -> new IllegalStateException("Expected a mock for the " + state.typeName() + " state " + state.name()
        + " under test, but the test has none"));
  }
}
