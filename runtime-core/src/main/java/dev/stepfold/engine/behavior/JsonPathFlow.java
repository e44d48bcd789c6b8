package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.StateIo;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PayloadTemplates;
import dev.stepfold.paths.ResultPaths;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A JSONPath state's input and output processing, in AWS's order: InputPath, Parameters, (the state's work),
 * ResultSelector, ResultPath, OutputPath. The context object is built only when a field needs it.
 */
final class JsonPathFlow {
  private static final String ROOT = "$";

  private JsonPathFlow() {}

  static JsonNode effectiveInput(AslState state, JsonNode input, Supplier<JsonNode> context) {
    var inputPath = state.io().inputPath();
    if (inputPath.isEmpty()) {
      return Json.object();
    }
    return select(inputPath.get(), input, context);
  }

  static JsonNode parameters(AslState state, JsonNode effectiveInput, Supplier<JsonNode> context) {
    return evaluateTemplate(state.io().parameters(), effectiveInput, context);
  }

  static JsonNode selectResult(AslState state, JsonNode result, Supplier<JsonNode> context) {
    return evaluateTemplate(state.io().resultSelector(), result, context);
  }

  /** ResultPath then OutputPath: the state's output from its raw input and its (selected) result. */
  static JsonNode output(StateIo io, JsonNode rawInput, JsonNode result, Supplier<JsonNode> context) {
    return outputPath(io, placeResult(io.resultPath(), rawInput, result), context);
  }

  static JsonNode placeResult(Optional<String> resultPath, JsonNode rawInput, JsonNode result) {
    if (resultPath.isEmpty()) {
      return rawInput;
    }
    return resultPath.get().equals(ROOT) ? result : ResultPaths.apply(resultPath.get(), rawInput, result);
  }

  static JsonNode outputPath(StateIo io, JsonNode output, Supplier<JsonNode> context) {
    var outputPath = io.outputPath();
    if (outputPath.isEmpty()) {
      return Json.object();
    }
    return select(outputPath.get(), output, context);
  }

  private static JsonNode select(String path, JsonNode input, Supplier<JsonNode> context) {
    if (path.equals(ROOT)) {
      return input;
    }
    return JsonPaths.select(path, Roots.of(input, context));
  }

  private static JsonNode evaluateTemplate(Optional<JsonNode> template, JsonNode input, Supplier<JsonNode> context) {
    return template.map(t -> PayloadTemplates.evaluate(t, Roots.of(input, context))).orElse(input);
  }
}
