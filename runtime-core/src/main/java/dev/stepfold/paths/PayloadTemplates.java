package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Payload templates: Parameters, ResultSelector, ItemSelector, and the {@code Parameters} of Map's older form. A key
 * ending in {@code .$} takes the value of its path or intrinsic function call, under the key without the suffix.
 */
public final class PayloadTemplates {
  private PayloadTemplates() {}

  public static JsonNode evaluate(JsonNode template, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * The first problem of a template, for the validator: a {@code .$} value that is neither a valid JSONPath nor a
   * valid intrinsic function call gives
   * {@code The value for the field '<key>' must be a valid JSONPath or a valid intrinsic function call}.
   */
  public static Optional<String> validate(JsonNode template) {
    throw new UnsupportedOperationException("not built yet");
  }
}
