package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.paths.PathRoots;
import java.util.function.Supplier;

final class Roots {
  private Roots() {}

  static PathRoots of(JsonNode input, Supplier<JsonNode> context) {
    return new PathRoots(input, context.get());
  }

  /** A supplier that builds the context object once, the first time a path needs it. */
  static Supplier<JsonNode> memoized(Supplier<JsonNode> build) {
    return new Supplier<>() {
      private JsonNode value;

      @Override
      public JsonNode get() {
        if (value == null) {
          value = build.get();
        }
        return value;
      }
    };
  }
}
