package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.MapRunRecord;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.RedriveRules;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.Scopes;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Distributed Map: the items become child executions of a map run, which runs them elsewhere and answers with
 * {@link Command.CompleteMapRun}. The parent's history shows only the map run: MapRunStarted, then MapRunSucceeded or
 * MapRunFailed.
 */
public final class DistributedMapBehavior {
  private DistributedMapBehavior() {}

  static Step start(DecisionBuilder out, ScopePath scope, MapState state, Optional<String> retriedError, long previousEventId) {
    // The attempt's own view: a retry is counted in its $$.State.RetryCount before MapStateStarted records it.
    var active = out.active(scope).attemptStarted(retriedError);
    var redriven = active.fanout().filter(fanout -> fanout.startedEventId() < active.enteredEventId()).flatMap(Fanout::mapRun)
        .filter(RedriveRules::redrivesSameMapRun);
    if (redriven.isPresent() && redriven.get().redriveCount() >= RedriveRules.MAX_MAP_RUN_REDRIVES) {
      throw StatesFailure.runtime(RedriveRules.mapRunRedriveLimitCause(redriven.get().mapRunArn().value()));
    }
    var env = MapBehavior.env(out, scope, active);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var items = state.itemReader().isPresent() ? Json.NODES.arrayNode() : MapBehavior.items(state, active.input(), effectiveInput, env);
    int maxConcurrency = MapBehavior.maxConcurrency(state, active.input(), effectiveInput, env);
    var started = out.append(scope, HistoryEventType.MAP_STATE_STARTED, previousEventId, new EventDetails.MapStateStarted(items.size(), retriedError));
    if (redriven.isPresent()) {
      // R42: the same map run runs again what did not succeed; it answers with CompleteMapRun like a first run.
      var mapRun = redriven.get();
      int redriveCount = mapRun.redriveCount() + 1;
      out.append(scope, HistoryEventType.MAP_RUN_REDRIVEN, started.id(), new EventDetails.MapRunRedriven(mapRun.mapRunArn().value(), redriveCount));
      out.mapRunWork(new MapRunWork.Redrive(mapRun.mapRunArn(), out.execution().started().orElseThrow().executionArn(), redriveCount));
      return Step.HALT;
    }
    var toleratedCount = toleratedFailureCount(state, active.input(), effectiveInput, env);
    var toleratedPercentage = toleratedFailurePercentage(state, active.input(), effectiveInput, env);
    var mapRunArn = mapRunArn(out, state, started.id());
    out.append(scope, HistoryEventType.MAP_RUN_STARTED, started.id(), new EventDetails.MapRunStarted(mapRunArn.value()));
    if (state.itemReader().isPresent()) {
      // Items come only from the state's input: an item source outside the execution is not available here.
      return failed(out, scope, state, new StatesError(StatesError.ITEM_READER_FAILED,
          "The ItemReader of Map state '" + state.name() + "' reads items from outside the execution, which stepfold cannot reach."));
    }
    var inputs = new ArrayList<JsonNode>();
    for (int i = 0; i < items.size(); i++) {
      inputs.add(MapBehavior.selectItem(state, active.input(), effectiveInput, env, i, items.get(i)));
    }
    var execution = out.execution().started().orElseThrow();
    out.startMapRun(new MapRunDispatch(mapRunArn, execution.executionArn(), state.name(), batched(state, inputs), childDefinition(out, scope, state),
        state.executionType().orElse(ExecutionType.STANDARD), maxConcurrency == 0 ? MapRunDispatch.MAX_CONCURRENCY : maxConcurrency,
        toleratedCount, toleratedPercentage, execution.roleArn()));
    return Step.HALT;
  }

  /**
   * A map run that has not closed, in a scope of an execution that closed or of a branch that was aborted: it has
   * been told to stop (R52), and its answer only records that it closed (MapRunAborted), which a redrive waits for (Q23).
   */
  public static void closedWhileAborted(DecisionBuilder out, ScopePath scope) {
    out.appendToFlow(scope, HistoryEventType.MAP_RUN_ABORTED, EventDetails.None.INSTANCE);
  }

  /** The open map runs of the execution's Distributed Maps, each with its scope. */
  public static List<ScopePath> openMapRuns(ExecutionState execution) {
    return Scopes.all(execution, (path, active) -> openMapRun(active).isPresent());
  }

  /** The map run of the active state, when it is a Distributed Map whose map run has not closed. */
  public static Optional<MapRunRecord> openMapRun(ActiveState active) {
    return active.fanout().flatMap(Fanout::mapRun).filter(mapRun -> !mapRun.closed());
  }

  /** Asks every open map run of the execution to stop: the execution closed (R52). */
  public static void abortMapRuns(DecisionBuilder out) {
    var parent = out.execution().started().orElseThrow().executionArn();
    for (var path : openMapRuns(out.execution())) {
      out.mapRunWork(new MapRunWork.Abort(openMapRun(out.active(path)).orElseThrow().mapRunArn(), parent));
    }
  }

  /** The map run ended: the Map leaves with its children's results, or fails as the map run did. */
  public static void completed(DecisionBuilder out, ScopePath scope, MapState state, Command.CompleteMapRun completion) {
    if (completion.succeeded() && state.resultWriter().isPresent()) {
      // Results go only into the state's output: a destination outside the execution is not available here.
      StateFlow.continueWith(out, failed(out, scope, state, new StatesError(StatesError.RESULT_WRITER_FAILED,
          "The ResultWriter of Map state '" + state.name() + "' writes results outside the execution, which stepfold cannot reach.")));
      return;
    }
    if (!completion.succeeded()) {
      StateFlow.continueWith(out, failed(out, scope, state,
          new StatesError(completion.error().orElse(""), completion.cause().orElse(""))));
      return;
    }
    long mapRunStarted = out.scope(scope).lastEventId();
    var succeeded = out.appendToFlow(scope, HistoryEventType.MAP_RUN_SUCCEEDED, EventDetails.None.INSTANCE);
    out.append(scope, HistoryEventType.MAP_STATE_SUCCEEDED, succeeded.id(), EventDetails.None.INSTANCE);
    // AWS's histories since late 2024 have MapStateExited follow MapRunStarted (earlier ones: MapRunSucceeded).
    StateFlow.continueWith(out, StateFlow.guarded(out, scope, state, () -> {
      var active = out.active(scope);
      var env = MapBehavior.env(out, scope, active);
      return StateFlow.exit(out, scope, state, DataFlow.afterResult(state, active.input(), completion.results(), env), state.transition(),
          mapRunStarted);
    }));
  }

  private static MapRunArn mapRunArn(DecisionBuilder out, MapState state, long attempt) {
    return MapRunArn.of(out.execution().started().orElseThrow().executionArn(), state.label().orElse(state.name()), attempt);
  }

  private static Step failed(DecisionBuilder out, ScopePath scope, MapState state, StatesError error) {
    var mapRunFailed = out.appendToFlow(scope, HistoryEventType.MAP_RUN_FAILED, StateFlow.failure(error));
    return ErrorHandling.handle(out, scope, state, error, mapRunFailed.id(), true);
  }

  /** ItemBatcher: each child gets {@code {"Items": [...]}} with at most MaxItemsPerBatch items, and BatchInput. */
  private static List<JsonNode> batched(MapState state, List<JsonNode> inputs) {
    if (state.itemBatcher().isEmpty()) {
      return inputs;
    }
    var batcher = state.itemBatcher().get();
    int perBatch = batcher.path("MaxItemsPerBatch").isIntegralNumber() ? Math.max(1, batcher.path("MaxItemsPerBatch").intValue()) : inputs.size();
    var batches = new ArrayList<JsonNode>();
    for (int from = 0; from < inputs.size(); from += perBatch) {
      var batch = Json.object();
      if (batcher.has("BatchInput")) {
        batch.set("BatchInput", batcher.get("BatchInput"));
      }
      var items = batch.putArray("Items");
      inputs.subList(from, Math.min(inputs.size(), from + perBatch)).forEach(items::add);
      batches.add(batch);
    }
    return batches;
  }

  /** What the children run: the Map's item processor as a definition of its own. */
  private static StateMachineDefinition childDefinition(DecisionBuilder out, ScopePath scope, MapState state) {
    var document = out.definition().document();
    var execution = out.execution();
    var path = ScopePath.ROOT;
    for (int index : scope.indexes()) {
      var owner = document.path("States").path(Scopes.get(execution, path).active().orElseThrow().stateName());
      document = owner.has("Branches") ? owner.path("Branches").path(index) : processor(owner);
      path = path.child(index);
    }
    var processor = processor(document.path("States").path(state.name())).deepCopy();
    var childDocument = (ObjectNode) processor;
    childDocument.remove("ProcessorConfig");
    if (!childDocument.has("QueryLanguage")) {
      childDocument.put("QueryLanguage", state.queryLanguage().aslName());
    }
    return new StateMachineDefinition(state.itemProcessor(), state.queryLanguage(), OptionalLong.empty(), Optional.empty(), childDocument);
  }

  private static JsonNode processor(JsonNode mapState) {
    return mapState.has("ItemProcessor") ? mapState.path("ItemProcessor") : mapState.path("Iterator");
  }

  static OptionalLong toleratedFailureCount(MapState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (state.toleratedFailureCount().isEmpty()) {
      return OptionalLong.empty();
    }
    var source = state.toleratedFailureCount().get();
    var value = DataFlow.value(source, effectiveInput, input, env, "ToleratedFailureCount");
    var number = value.isTextual() ? Json.parse(value.textValue()).orElse(value) : value;
    if (!number.isIntegralNumber()) {
      throw StatesFailure.runtime("The ToleratedFailureCountPath field refers to value \"" + Json.shown(value) + "\" which is not a valid integer: "
          + pathOf(source));
    }
    if (number.longValue() < 0) {
      throw StatesFailure.runtime("ToleratedFailureCount cannot be negative.");
    }
    return OptionalLong.of(number.longValue());
  }

  static OptionalDouble toleratedFailurePercentage(MapState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (state.toleratedFailurePercentage().isEmpty()) {
      return OptionalDouble.empty();
    }
    var source = state.toleratedFailurePercentage().get();
    var value = DataFlow.value(source, effectiveInput, input, env, "ToleratedFailurePercentage");
    var number = value.isTextual() ? Json.parse(value.textValue()).orElse(value) : value;
    if (!number.isNumber()) {
      throw StatesFailure.runtime("The ToleratedFailurePercentagePath field refers to value \"" + Json.shown(value)
          + "\" which is not a valid float: " + pathOf(source));
    }
    if (number.doubleValue() < 0 || number.doubleValue() > 100) {
      throw StatesFailure.runtime("ToleratedFailurePercentage must be between 0 and 100.");
    }
    return OptionalDouble.of(number.doubleValue());
  }

  private static String pathOf(ValueSource source) {
    return source instanceof ValueSource.Path path ? path.path() : "";
  }
}
