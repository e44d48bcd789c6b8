package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * What the paths of one evaluation refer to: {@code $} is the state's input (or effective input), {@code $$} the
 * context object, and {@code $name} the workflow variable {@code name} visible to the state.
 */
public record PathRoots(JsonNode input, JsonNode contextObject, Map<String, JsonNode> variables) {
  public PathRoots {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(contextObject, "contextObject");
    variables = Map.copyOf(variables);
  }

  /** Roots without workflow variables. */
  public PathRoots(JsonNode input, JsonNode contextObject) {
    this(input, contextObject, Map.of());
  }

  public PathRoots withInput(JsonNode newInput) {
    return new PathRoots(newInput, contextObject, variables);
  }

  public PathRoots withVariables(Map<String, JsonNode> newVariables) {
    return new PathRoots(input, contextObject, newVariables);
  }
}
