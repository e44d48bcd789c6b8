package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a state's {@code Catch}. {@code resultPath} follows {@link StateIo}'s convention: {@code "$"} when
 * absent, empty when given as null. JSONata states use {@code output} and {@code assign} instead.
 */
public record Catcher(
    List<String> errorEquals, String next, Optional<String> resultPath, Optional<JsonNode> output, Optional<JsonNode> assign) {
  public Catcher {
    errorEquals = List.copyOf(errorEquals);
    Objects.requireNonNull(next, "next");
  }
}
