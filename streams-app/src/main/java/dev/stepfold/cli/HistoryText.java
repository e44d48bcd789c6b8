package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Map;

/**
 * A history event (GetExecutionHistory's shape) as one line for a person: its id, time and type, then what of its
 * details says most — the state's name, the task's resource, the error and cause, the redrive count.
 */
final class HistoryText {
  static final String HEADER = String.format("%5s  %-24s  %-32s  %s", "ID", "TIMESTAMP", "TYPE", "DETAILS");
  private static final int CAUSE_LENGTH = 120;

  private HistoryText() {}

  static String line(JsonNode event) {
    return String.format("%5d  %-24s  %-32s  %s", event.path("id").asLong(), CliJson.instant(event.path("timestamp")),
        event.path("type").asText(), summary(details(event))).stripTrailing();
  }

  /** The event's {@code <type>EventDetails} member; an empty object when it has none. */
  static JsonNode details(JsonNode event) {
    for (Map.Entry<String, JsonNode> member : (Iterable<Map.Entry<String, JsonNode>>) event::fields) {
      if (member.getKey().endsWith("EventDetails")) {
        return member.getValue();
      }
    }
    return CliJson.MAPPER.createObjectNode();
  }

  private static String summary(JsonNode details) {
    var parts = new ArrayList<String>();
    if (details.hasNonNull("name")) {
      parts.add(details.get("name").asText());
    }
    if (details.hasNonNull("resourceType") && details.hasNonNull("resource")) {
      parts.add(details.get("resourceType").asText() + ":" + details.get("resource").asText());
    } else if (details.hasNonNull("resource")) {
      parts.add(details.get("resource").asText());
    }
    if (details.hasNonNull("index")) {
      parts.add("index " + details.get("index").asText());
    }
    if (details.hasNonNull("redriveCount")) {
      parts.add("redrive " + details.get("redriveCount").asText());
    }
    if (details.hasNonNull("error")) {
      parts.add("error " + details.get("error").asText());
    }
    if (details.hasNonNull("cause")) {
      var cause = details.get("cause").asText();
      parts.add("cause " + (cause.length() > CAUSE_LENGTH ? cause.substring(0, CAUSE_LENGTH) + "…" : cause));
    }
    return String.join("  ", parts);
  }
}
