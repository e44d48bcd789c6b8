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
import dev.stepfold.paths.Jsonata;
import dev.stepfold.paths.JsonataScope;
import dev.stepfold.paths.PathRoots;
import dev.stepfold.paths.PayloadTemplates;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Inline Map: one iteration per item, at most MaxConcurrency at a time (0: all), results in item order. Iterations
 * that start together each follow the MapStateStarted; one that starts when another ends follows that one's last event.
 */
final class MapBehavior {
  private MapBehavior() {}

  static Step start(DecisionBuilder out, ScopePath scope, MapState state, Optional<String> retriedError, long previousEventId) {
    if (out.trial().isPresent()) {
      return MockedFanout.map(out, scope, state, out.trial().get(), previousEventId);
    }
    if (state.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      return DistributedMapBehavior.start(out, scope, state, retriedError, previousEventId);
    }
    // The attempt's own view: a retry is counted in its $$.State.RetryCount before MapStateStarted records it.
    var active = out.active(scope).attemptStarted(retriedError);
    var env = env(out, scope, active);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var items = items(state, active.input(), effectiveInput, env);
    int maxConcurrency = maxConcurrency(state, active.input(), effectiveInput, env);
    var started = out.append(scope, HistoryEventType.MAP_STATE_STARTED, previousEventId, new EventDetails.MapStateStarted(items.size(), retriedError));
    if (items.isEmpty()) {
      return finish(out, scope, state, started.id());
    }
    // On a redrive only the iterations that did not succeed run again; they are the ones not started.
    var fanout = Fanouts.fanout(out, scope);
    var toStart = new ArrayList<Integer>();
    for (int i = 0; i < items.size() && (maxConcurrency == 0 || toStart.size() < maxConcurrency); i++) {
      if (fanout.branch(i).status() == Scope.ScopeStatus.NOT_STARTED) {
        toStart.add(i);
      }
    }
    if (toStart.isEmpty()) {
      return finish(out, scope, state, started.id());
    }
    for (int index : toStart) {
      out.append(scope, HistoryEventType.MAP_ITERATION_STARTED, started.id(), new EventDetails.MapIteration(state.name(), index));
    }
    for (int index : toStart) {
      if (!Fanouts.attemptRunning(out, scope, active.enteredEventId(), started.id())) {
        break;
      }
      StateFlow.continueWith(out, StateFlow.guarded(out, scope, state, () -> runIteration(out, scope, state, index)));
    }
    return Step.HALT;
  }

  /** A started iteration's first step: its first state, or on a redrive the state it stopped in. */
  private static Step runIteration(DecisionBuilder out, ScopePath scope, MapState state, int index) {
    var iteration = out.scope(scope.child(index));
    if (iteration.active().isPresent()) {
      return Redrive.resume(out, scope.child(index));
    }
    return iterationStart(out, scope, state, index);
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
      return StateFlow.guarded(out, scope, state, () -> runIteration(out, scope, state, next));
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
      var env = env(out, scope, active);
      return StateFlow.exit(out, scope, state, DataFlow.afterResult(state, active.input(), results, env), state.transition(), previousEventId);
    });
  }

  /** The iteration's first state, with the item (or what ItemSelector makes of it) as its input. */
  private static Step iterationStart(DecisionBuilder out, ScopePath scope, MapState state, int index) {
    var active = out.active(scope);
    var env = env(out, scope, active);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var item = items(state, active.input(), effectiveInput, env).get(index);
    return new Step.Next(scope.child(index), state.itemProcessor().startAt(), selectItem(state, active.input(), effectiveInput, env, index, item));
  }

  /** What an iteration (or a child execution) gets of item {@code index}: the item, or what ItemSelector makes of it. */
  static JsonNode selectItem(MapState state, JsonNode input, JsonNode effectiveInput, StateEnv env, int index, JsonNode item) {
    if (state.itemSelector().isEmpty()) {
      return item;
    }
    var context = withItem(env.context(), index, item);
    var selector = state.itemSelector().get();
    return DataFlow.jsonata(state)
        ? Jsonata.evaluateTemplate(selector, JsonataScope.of(input, context, env.variables()), "ItemSelector")
        : PayloadTemplates.evaluate(selector, new PathRoots(effectiveInput, context, env.variables()));
  }

  static JsonNode items(MapState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (state.items().isPresent()) {
      var items = state.items().get();
      var expression = items.isTextual() ? Jsonata.expressionOf(items.textValue()) : Optional.<String>empty();
      return expression.isPresent()
          ? Jsonata.evaluateArray(expression.get(), env.jsonata(input), "Items")
          : Jsonata.evaluateTemplate(items, env.jsonata(input), "Items");
    }
    var items = state.itemsPath().isEmpty() ? effectiveInput
        : state.itemsPath().get().equals("$") ? effectiveInput : JsonPaths.select(state.itemsPath().get(), env.roots(effectiveInput));
    if (!items.isArray()) {
      throw StatesFailure.runtime("Map state input must be an array but was: " + Json.text(items));
    }
    return items;
  }

  static int maxConcurrency(MapState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (state.maxConcurrency().isEmpty()) {
      return 0;
    }
    var source = state.maxConcurrency().get();
    if (source instanceof ValueSource.Literal literal) {
      return literal.value().asInt();
    }
    if (source instanceof ValueSource.Path path) {
      var value = JsonPaths.select(path.path(), env.roots(effectiveInput));
      // A number, or text that reads as one, as AWS accepts it.
      var number = value.isTextual() ? Json.parse(value.textValue()).orElse(value) : value;
      if (!number.isIntegralNumber() || !number.canConvertToInt() || number.intValue() < 0) {
        throw StatesFailure.runtime("The MaxConcurrencyPath field refers to value \"" + Json.shown(value)
            + "\" which is not a valid integer: " + path.path());
      }
      return number.intValue();
    }
    var expression = ((ValueSource.Jsonata) source).expression();
    var value = Jsonata.evaluate(expression, env.jsonata(input), "MaxConcurrency");
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      throw Jsonata.unexpectedResultType(expression, "MaxConcurrency", "integer", value);
    }
    return value.intValue();
  }

  static StateEnv env(DecisionBuilder out, ScopePath scope, ActiveState active) {
    return StateEnv.of(out, scope, active, true, Optional.empty());
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
