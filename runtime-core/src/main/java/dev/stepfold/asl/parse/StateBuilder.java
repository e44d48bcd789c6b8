package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.ModelBuilder.node;
import static dev.stepfold.asl.parse.ModelBuilder.path;
import static dev.stepfold.asl.parse.ModelBuilder.text;
import static dev.stepfold.asl.parse.ModelBuilder.transition;
import static dev.stepfold.asl.parse.ModelBuilder.valueSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.FailState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateIo;
import dev.stepfold.asl.SucceedState;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.WaitState;
import java.util.ArrayList;
import java.util.Optional;

/** One validated state to its record. */
final class StateBuilder {
  private StateBuilder() {}

  static AslState build(String name, JsonNode state, QueryLanguage definitionLanguage) {
    var type = StateType.byAslName(state.get("Type").textValue()).orElseThrow();
    var language = QueryLanguages.resolve(state.get("QueryLanguage"), definitionLanguage);
    var io = io(state, type);
    return switch (type) {
      case PASS -> new PassState(name, language, io, node(state, "Result"), transition(state));
      case TASK -> new TaskState(name, language, io, resource(state),
          valueSource(state, "TimeoutSeconds", "TimeoutSecondsPath"),
          valueSource(state, "HeartbeatSeconds", "HeartbeatSecondsPath"), node(state, "Credentials"),
          ErrorHandlerBuilder.retriers(state), ErrorHandlerBuilder.catchers(state), transition(state));
      case CHOICE -> new ChoiceState(name, language, io, ChoiceRuleBuilder.choices(state, language),
          text(state, "Default"));
      case WAIT -> new WaitState(name, language, io, valueSource(state, "Seconds", "SecondsPath"),
          valueSource(state, "Timestamp", "TimestampPath"), transition(state));
      case SUCCEED -> new SucceedState(name, language, io);
      case FAIL -> new FailState(name, language, io, valueSource(state, "Error", "ErrorPath"),
          valueSource(state, "Cause", "CausePath"));
      case PARALLEL -> parallel(name, state, language, io, definitionLanguage);
      case MAP -> map(name, state, language, io, definitionLanguage);
    };
  }

  /** The validator accepted only resources {@link TaskResource#recognize} reads. */
  private static TaskResource resource(JsonNode state) {
    var arn = state.get("Resource").textValue();
    return TaskResource.recognize(arn).orElseThrow(
        () -> new IllegalStateException("Expected a validated Task to name a recognized resource, but got '" + arn + "'"));
  }

  private static StateIo io(JsonNode state, StateType type) {
    // A Map's Parameters is the older name of its ItemSelector, not a payload for a task.
    var parameters = type == StateType.MAP ? Optional.<JsonNode>empty() : node(state, "Parameters");
    return new StateIo(path(state, "InputPath"), parameters, node(state, "ResultSelector"), path(state, "ResultPath"),
        path(state, "OutputPath"), node(state, "Arguments"), node(state, "Output"), node(state, "Assign"));
  }

  private static ParallelState parallel(
      String name, JsonNode state, QueryLanguage language, StateIo io, QueryLanguage definitionLanguage) {
    var branches = new ArrayList<StateGraph>();
    state.get("Branches").forEach(branch -> branches.add(ModelBuilder.graph(branch, definitionLanguage)));
    return new ParallelState(name, language, io, branches, ErrorHandlerBuilder.retriers(state),
        ErrorHandlerBuilder.catchers(state), transition(state));
  }

  private static MapState map(
      String name, JsonNode state, QueryLanguage language, StateIo io, QueryLanguage definitionLanguage) {
    var processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
    var config = processor.path("ProcessorConfig");
    var mode = config.path("Mode").asText("INLINE").equals("DISTRIBUTED")
        ? MapState.ProcessorMode.DISTRIBUTED
        : MapState.ProcessorMode.INLINE;
    var executionType = text(config, "ExecutionType").map(ExecutionType::valueOf);
    var itemSelector = node(state, "ItemSelector").or(() -> node(state, "Parameters"));
    return new MapState(name, language, io, ModelBuilder.graph(processor, definitionLanguage), mode, executionType,
        path(state, "ItemsPath"), node(state, "Items"), itemSelector,
        valueSource(state, "MaxConcurrency", "MaxConcurrencyPath"),
        valueSource(state, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
        valueSource(state, "ToleratedFailureCount", "ToleratedFailureCountPath"), text(state, "Label"),
        node(state, "ItemReader"), node(state, "ItemBatcher"), node(state, "ResultWriter"),
        ErrorHandlerBuilder.retriers(state), ErrorHandlerBuilder.catchers(state), transition(state));
  }
}
