package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** JSON text in and out, and AWS's payload size limit. */
public final class Json {
  /** 256 KiB: the largest input, output or parameters AWS accepts, in bytes of UTF-8. */
  public static final int MAX_PAYLOAD_BYTES = 262_144;
  /** StartExecution's {@code InvalidExecutionInput} message for an input over {@link #MAX_PAYLOAD_BYTES}. */
  public static final String INPUT_TOO_LARGE = "Invalid State Machine Execution Input: 'the input is larger than " + MAX_PAYLOAD_BYTES + " bytes'";

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static Optional<JsonNode> parse(String text) {
    try {
      var node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }

  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a JSON node to serialise, but it failed: " + e.getMessage(), e);
    }
  }

  /** A value as AWS quotes it in a message: text as it is, anything else as compact JSON. */
  public static String shown(JsonNode value) {
    return value.isTextual() ? value.textValue() : text(value);
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Whether the node's JSON text is larger than AWS's payload limit; stops counting as soon as it is. */
  /** Whether JSON text is over the limit in UTF-8 bytes (a character outside ASCII takes two to four). */
  public static boolean exceedsPayloadLimit(String text) {
    return text.length() > MAX_PAYLOAD_BYTES || text.length() > MAX_PAYLOAD_BYTES / 4 && text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES;
  }

  public static boolean exceedsPayloadLimit(JsonNode node) {
    if (node.isValueNode() && !node.isTextual()) {
      return false;
    }
    var counter = new LimitCounter();
    try {
      MAPPER.writeValue(counter, node);
      return false;
    } catch (LimitExceeded exceeded) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class LimitExceeded extends IOException {
    LimitExceeded() {
      super("payload limit exceeded", null);
    }
  }

  private static final class LimitCounter extends OutputStream {
    private long count;

    @Override
    public void write(int b) throws IOException {
      count(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count(len);
    }

    private void count(int bytes) throws LimitExceeded {
      count += bytes;
      if (count > MAX_PAYLOAD_BYTES) {
        throw new LimitExceeded();
      }
    }
  }
}
