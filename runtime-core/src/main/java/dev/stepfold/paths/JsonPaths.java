package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * JSONPath as AWS evaluates it. Paths starting with {@code $$} read the context object, others the input.
 * Failures throw {@link dev.stepfold.error.StatesFailure} ({@code States.Runtime}) with AWS's wording.
 */
public final class JsonPaths {
  private JsonPaths() {}

  /**
   * A reference path of InputPath, OutputPath or ItemsPath. A path that matches nothing fails with
   * {@code Invalid path '<path>' : No results for path: $['<first missing member>']}.
   */
  public static JsonNode select(String path, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * The value of a {@code "<field>.$"} template key or of a {@code ...Path} field (ErrorPath, CausePath):
   * a miss fails with {@code The JSONPath '<path>' specified for the field '<field>' could not be found in the input '<input as JSON text>'}.
   */
  public static JsonNode selectForField(String path, String fieldName, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The value at the path, or empty when it matches nothing (Choice's IsPresent, SecondsPath checks). */
  public static Optional<JsonNode> find(String path, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Whether text is a valid JSONPath (for the validator); a reference path must also be definite. */
  public static boolean isValidPath(String path) {
    throw new UnsupportedOperationException("not built yet");
  }

  public static boolean isValidReferencePath(String path) {
    throw new UnsupportedOperationException("not built yet");
  }
}
