package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Payload templates: Parameters, ResultSelector, ItemSelector, and the {@code Parameters} of Map's older form. A key
 * ending in {@code .$} takes the value of its path or intrinsic function call, under the key without the suffix.
 */
public final class PayloadTemplates {
  private static final String DYNAMIC_SUFFIX = ".$";

  private PayloadTemplates() {}

  public static JsonNode evaluate(JsonNode template, PathRoots roots) {
    return evaluate(template, roots, "");
  }

  /**
   * The first problem of a template, for the validator: a {@code .$} value that is neither a valid JSONPath nor a
   * valid intrinsic function call gives
   * {@code The value for the field '<key>' must be a valid JSONPath or a valid intrinsic function call}.
   */
  public static Optional<String> validate(JsonNode template) {
    if (template.isArray()) {
      for (JsonNode item : template) {
        Optional<String> problem = validate(item);
        if (problem.isPresent()) {
          return problem;
        }
      }
    } else if (template.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Optional<String> problem = field.getKey().endsWith(DYNAMIC_SUFFIX)
            ? validateDynamic(field.getKey(), field.getValue())
            : validate(field.getValue());
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> validateDynamic(String key, JsonNode value) {
    boolean valid = value.isTextual() && (Intrinsics.looksLikeCall(value.textValue())
        ? Intrinsics.validate(value.textValue()).isEmpty()
        : JsonPaths.isValidPath(value.textValue()));
    return valid ? Optional.empty() : Optional.of(
        "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call");
  }

  /** {@code location} is the JSON pointer of {@code template} in the whole template. */
  private static JsonNode evaluate(JsonNode template, PathRoots roots, String location) {
    if (template.isObject()) {
      ObjectNode result = JsonValues.NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        String fieldLocation = location + "/" + key;
        if (key.endsWith(DYNAMIC_SUFFIX)) {
          String name = key.substring(0, key.length() - DYNAMIC_SUFFIX.length());
          result.set(name, dynamicValue(key, field.getValue(), roots, fieldLocation));
        } else {
          result.set(key, evaluate(field.getValue(), roots, fieldLocation));
        }
      }
      return result;
    }
    if (template.isArray()) {
      ArrayNode result = JsonValues.NODES.arrayNode(template.size());
      for (int i = 0; i < template.size(); i++) {
        result.add(evaluate(template.get(i), roots, location + "/" + i));
      }
      return result;
    }
    return template;
  }

  private static JsonNode dynamicValue(String key, JsonNode value, PathRoots roots, String location) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("Expected the value of '" + key + "' to be a path or an intrinsic function "
          + "call, but got " + JsonValues.compact(value));
    }
    String expression = value.textValue();
    return Intrinsics.looksLikeCall(expression)
        ? Intrinsics.evaluate(expression, roots, key, location)
        : JsonPaths.selectForField(expression, key, roots);
  }
}
