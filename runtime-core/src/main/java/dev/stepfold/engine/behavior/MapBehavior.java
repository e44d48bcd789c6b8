package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Scope;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PathRoots;
import dev.stepfold.paths.PayloadTemplates;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Inline Map: one iteration per item, at most MaxConcurrency at a time (0: all), results in item order. Iterations
 * that start together each follow the MapStateStarted; one that starts when another ends follows that one's last event.
 */
final class MapBehavior {
  private MapBehavior() {}

  static Step start(DecisionBuilder out, ScopePath scope, MapState state, Optional<String> retriedError, long previousEventId) {
    var active = out.active(scope);
    var context = context(out, active);
    var effectiveInput = JsonPathFlow.effectiveInput(state, active.input(), context);
    var items = items(state, effectiveInput, context);
    int maxConcurrency = maxConcurrency(state, effectiveInput, context);
    var started = out.append(scope, HistoryEventType.MAP_STATE_STARTED, previousEventId, new EventDetails.MapStateStarted(items.size(), retriedError));
    if (items.isEmpty()) {
      return finish(out, scope, state, started.id());
    }
    int batch = maxConcurrency == 0 ? items.size() : Math.min(maxConcurrency, items.size());
    for (int i = 0; i < batch; i++) {
      out.append(scope, HistoryEventType.MAP_ITERATION_STARTED, started.id(), new EventDetails.MapIteration(state.name(), i));
    }
    for (int i = 0; i < batch; i++) {
      if (!Fanouts.attemptRunning(out, scope, active.enteredEventId(), started.id())) {
        break;
      }
      var iteration = scope.child(i);
      if (out.scope(iteration).awaitsFirstState()) {
        int index = i;
        var input = StateFlow.guarded(out, scope, state, () -> iterationStart(out, scope, state, index));
        StateFlow.continueWith(out, input);
      }
    }
    return Step.HALT;
  }

  static Step iterationEnded(DecisionBuilder out, ScopePath iteration, MapState state) {
    var scope = iteration.parent();
    long lastIterationEvent = out.scope(iteration).lastEventId();
    var succeeded = out.append(scope, HistoryEventType.MAP_ITERATION_SUCCEEDED, lastIterationEvent,
        new EventDetails.MapIteration(state.name(), iteration.lastIndex()));
    var fanout = Fanouts.fanout(out, scope);
    var next = fanout.firstNotStarted();
    if (next >= 0) {
      out.append(scope, HistoryEventType.MAP_ITERATION_STARTED, lastIterationEvent, new EventDetails.MapIteration(state.name(), next));
      return StateFlow.guarded(out, scope, state, () -> iterationStart(out, scope, state, next));
    }
    if (!fanout.allSucceeded()) {
      return Step.HALT;
    }
    return finish(out, scope, state, succeeded.id());
  }

  private static Step finish(DecisionBuilder out, ScopePath scope, MapState state, long previousEventId) {
    var results = Json.NODES.arrayNode();
    Fanouts.fanout(out, scope).branches().forEach(done -> results.add(done.output().orElseThrow()));
    out.append(scope, HistoryEventType.MAP_STATE_SUCCEEDED, previousEventId, EventDetails.None.INSTANCE);
    return StateFlow.guarded(out, scope, state, () -> {
      var active = out.active(scope);
      var context = context(out, active);
      var selected = JsonPathFlow.selectResult(state, results, context);
      var output = JsonPathFlow.output(state.io(), active.input(), selected, context);
      return StateFlow.exit(out, scope, state, output, state.transition(), previousEventId);
    });
  }

  /** The iteration's first state, with the item (or what ItemSelector makes of it) as its input. */
  private static Step iterationStart(DecisionBuilder out, ScopePath scope, MapState state, int index) {
    var active = out.active(scope);
    var context = context(out, active);
    var effectiveInput = JsonPathFlow.effectiveInput(state, active.input(), context);
    var item = items(state, effectiveInput, context).get(index);
    var input = state.itemSelector()
        .map(selector -> PayloadTemplates.evaluate(selector, new PathRoots(effectiveInput, withItem(context.get(), index, item))))
        .orElse(item);
    return new Step.Next(scope.child(index), state.itemProcessor().startAt(), input);
  }

  private static JsonNode items(MapState state, JsonNode effectiveInput, Supplier<JsonNode> context) {
    var items = state.itemsPath().isEmpty() ? effectiveInput
        : state.itemsPath().get().equals("$") ? effectiveInput : JsonPaths.select(state.itemsPath().get(), new PathRoots(effectiveInput, context.get()));
    if (!items.isArray()) {
      throw StatesFailure.runtime("Map state input must be an array but was: " + Json.text(items));
    }
    return items;
  }

  private static int maxConcurrency(MapState state, JsonNode effectiveInput, Supplier<JsonNode> context) {
    if (state.maxConcurrency().isEmpty()) {
      return 0;
    }
    var source = state.maxConcurrency().get();
    if (source instanceof ValueSource.Literal literal) {
      return literal.value().asInt();
    }
    if (source instanceof ValueSource.Path path) {
      var value = JsonPaths.select(path.path(), new PathRoots(effectiveInput, context.get()));
      if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
        throw StatesFailure.runtime("The MaxConcurrencyPath field refers to value \"" + Json.text(value)
            + "\" which is not a valid integer: " + path.path());
      }
      return value.intValue();
    }
    throw StateFlow.notYetRun("JSONata states");
  }

  private static Supplier<JsonNode> context(DecisionBuilder out, ActiveState active) {
    return Roots.memoized(() -> ContextObject.of(out.execution(), active, true, Optional.empty()));
  }

  /** {@code $$.Map.Item}: what ItemSelector sees of the item it selects from. */
  private static JsonNode withItem(JsonNode context, int index, JsonNode item) {
    var withItem = ((ObjectNode) context).deepCopy();
    var mapItem = withItem.putObject("Map").putObject("Item");
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    return withItem;
  }
}
