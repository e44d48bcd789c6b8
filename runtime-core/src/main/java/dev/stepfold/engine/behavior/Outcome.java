package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a state leaves with: its output, and the variables it assigns (present exactly when it has an Assign). */
record Outcome(JsonNode output, Optional<Map<String, JsonNode>> assigned) {
  Outcome {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(assigned, "assigned");
  }

  static Outcome of(JsonNode output) {
    return new Outcome(output, Optional.empty());
  }
}
