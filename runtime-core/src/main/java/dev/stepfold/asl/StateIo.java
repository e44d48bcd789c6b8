package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The data-flow fields of a state. For the path fields, AWS's default {@code "$"} is filled in when the field is
 * absent, and an empty Optional means the field was given as JSON {@code null} (which discards: the state sees
 * {@code {}} for a null InputPath, keeps its input for a null ResultPath, emits {@code {}} for a null OutputPath).
 * JSONPath states use inputPath, parameters, resultSelector, resultPath and outputPath; JSONata states use arguments
 * and output; both use assign.
 */
public record StateIo(
    Optional<String> inputPath,
    Optional<JsonNode> parameters,
    Optional<JsonNode> resultSelector,
    Optional<String> resultPath,
    Optional<String> outputPath,
    Optional<JsonNode> arguments,
    Optional<JsonNode> output,
    Optional<JsonNode> assign) {
  public static final StateIo DEFAULT = new StateIo(
      Optional.of("$"), Optional.empty(), Optional.empty(), Optional.of("$"), Optional.of("$"),
      Optional.empty(), Optional.empty(), Optional.empty());

  public StateIo {
    Objects.requireNonNull(inputPath, "inputPath");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(resultSelector, "resultSelector");
    Objects.requireNonNull(resultPath, "resultPath");
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(assign, "assign");
  }
}
