package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** How a child execution of a map run ended: its status, its output if it succeeded, its error and cause if not. */
public record ChildOutcome(ExecutionStatus status, Optional<JsonNode> output, Optional<String> error, Optional<String> cause) {
  public ChildOutcome {
    Objects.requireNonNull(status, "status");
    if (!status.isClosed()) {
      throw new IllegalArgumentException("Expected a closed status for a child's outcome, but got " + status);
    }
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
  }

  public static ChildOutcome succeeded(JsonNode output) {
    return new ChildOutcome(ExecutionStatus.SUCCEEDED, Optional.of(output), Optional.empty(), Optional.empty());
  }

  public static ChildOutcome failed(String error, String cause) {
    return new ChildOutcome(ExecutionStatus.FAILED, Optional.empty(), Optional.of(error), Optional.of(cause));
  }
}
