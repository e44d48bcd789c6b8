package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** JSON shapes made of HTTP answers. */
final class HttpResults {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpResults() {}

  /** Every header, each with the list of its values; names in lower case, as java.net.http reads them. */
  static ObjectNode headerLists(HttpHeaders headers) {
    var json = MAPPER.createObjectNode();
    headers.map().forEach((name, values) -> {
      if (!name.startsWith(":")) {
        var list = json.putArray(name);
        values.forEach(list::add);
      }
    });
    return json;
  }

  /** A body as JSON when it is JSON text, else as a string; an empty body is an empty string. */
  static JsonNode body(String body, boolean preferJson) {
    if (body.isEmpty()) {
      return MAPPER.getNodeFactory().textNode("");
    }
    if (preferJson) {
      try {
        return MAPPER.readTree(body);
      } catch (IOException notJson) {
        // as text
      }
    }
    return MAPPER.getNodeFactory().textNode(body);
  }

  static String text(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (IOException e) {
      throw new IllegalStateException("Expected JSON to be written, but " + e.getMessage(), e);
    }
  }
}
