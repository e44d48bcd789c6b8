package dev.stepfold.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.asl.ExecutionType;
import java.util.Optional;
import java.util.OptionalLong;

/** The small conversions every Avro record needs: payloads as JSON text, optional members as nulls, execution types. */
final class AvroValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroValues() {}

  /** A payload as compact JSON text. */
  static String jsonText(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a JSON value to render as text, but " + e.getOriginalMessage(), e);
    }
  }

  /** JSON text read back as a payload; {@code member} names what it is, for the message when it is not JSON. */
  static JsonNode json(String text, String member) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Expected JSON text in " + member + ", but " + e.getOriginalMessage(), e);
    }
  }

  static String orNull(Optional<String> value) {
    return value.orElse(null);
  }

  static Long orNull(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  static Optional<String> optional(String value) {
    return Optional.ofNullable(value);
  }

  static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** An execution type by AWS's StateMachineType name, which is the enum constant's name. */
  static ExecutionType executionType(String name) {
    for (var type : ExecutionType.values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Expected an execution type STANDARD or EXPRESS, but got '" + name + "'");
  }
}
