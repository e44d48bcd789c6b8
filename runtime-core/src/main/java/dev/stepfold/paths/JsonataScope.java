package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a JSONata expression of a state sees: {@code $states.input}, {@code $states.result} (Output and Assign of a
 * Task, Parallel or Map that succeeded), {@code $states.errorOutput} (Output and Assign of a Catch),
 * {@code $states.context} (the context object), and each workflow variable visible to the state as {@code $name}.
 */
public record JsonataScope(JsonNode input, Optional<JsonNode> result, Optional<JsonNode> errorOutput,
    JsonNode context, Map<String, JsonNode> variables) {
  public JsonataScope {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(errorOutput, "errorOutput");
    Objects.requireNonNull(context, "context");
    variables = Map.copyOf(variables);
  }

  /** A scope with neither result nor error output, as for Arguments, Items or a Choice Condition. */
  public static JsonataScope of(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    return new JsonataScope(input, Optional.empty(), Optional.empty(), context, variables);
  }

  public JsonataScope withResult(JsonNode newResult) {
    return new JsonataScope(input, Optional.of(newResult), errorOutput, context, variables);
  }

  public JsonataScope withErrorOutput(JsonNode newErrorOutput) {
    return new JsonataScope(input, result, Optional.of(newErrorOutput), context, variables);
  }
}
