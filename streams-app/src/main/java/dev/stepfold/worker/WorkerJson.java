package dev.stepfold.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The worker's JSON reading and writing. */
final class WorkerJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WorkerJson() {}

  /** {@code json} read; {@link UncheckedIOException} naming {@code what} when it is not JSON. */
  static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Expected " + what + " to be JSON text, but " + e.getOriginalMessage(), e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
