package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.StateIo;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PayloadTemplates;
import dev.stepfold.paths.ResultPaths;
import java.util.Optional;

/**
 * A JSONPath state's input and output processing, in AWS's order: InputPath, Parameters, (the state's work),
 * ResultSelector, ResultPath, OutputPath. The context object is built only when a field needs it.
 */
final class JsonPathFlow {
  private static final String ROOT = "$";

  private JsonPathFlow() {}

  static JsonNode effectiveInput(AslState state, JsonNode input, StateEnv env) {
    var inputPath = state.io().inputPath();
    var effective = inputPath.isEmpty() ? Json.object() : select(inputPath.get(), input, env);
    env.inspect("afterInputPath", effective);
    return effective;
  }

  static JsonNode parameters(AslState state, JsonNode effectiveInput, StateEnv env) {
    var parameters = evaluateTemplate(state.io().parameters(), effectiveInput, env);
    env.inspect("afterParameters", parameters);
    return parameters;
  }

  static JsonNode selectResult(AslState state, JsonNode result, StateEnv env) {
    var selected = evaluateTemplate(state.io().resultSelector(), result, env);
    env.inspect("afterResultSelector", selected);
    return selected;
  }

  /** ResultPath then OutputPath: the state's output from its raw input and its (selected) result. */
  static JsonNode output(StateIo io, JsonNode rawInput, JsonNode result, StateEnv env) {
    var placed = placeResult(io.resultPath(), rawInput, result);
    env.inspect("afterResultPath", placed);
    return outputPath(io, placed, env);
  }

  static JsonNode placeResult(Optional<String> resultPath, JsonNode rawInput, JsonNode result) {
    if (resultPath.isEmpty()) {
      return rawInput;
    }
    return resultPath.get().equals(ROOT) ? result : ResultPaths.apply(resultPath.get(), rawInput, result);
  }

  static JsonNode outputPath(StateIo io, JsonNode output, StateEnv env) {
    var outputPath = io.outputPath();
    if (outputPath.isEmpty()) {
      return Json.object();
    }
    return select(outputPath.get(), output, env);
  }

  private static JsonNode select(String path, JsonNode input, StateEnv env) {
    if (path.equals(ROOT)) {
      return input;
    }
    return JsonPaths.select(path, env.roots(input));
  }

  private static JsonNode evaluateTemplate(Optional<JsonNode> template, JsonNode input, StateEnv env) {
    return template.map(t -> PayloadTemplates.evaluate(t, env.roots(input))).orElse(input);
  }
}
