package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What the paths of one evaluation refer to: {@code $} is the state's input (or effective input), {@code $$} the context object. */
public record PathRoots(JsonNode input, JsonNode contextObject) {
  public PathRoots {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(contextObject, "contextObject");
  }

  public PathRoots withInput(JsonNode newInput) {
    return new PathRoots(newInput, contextObject);
  }
}
