package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task outcomes that {@code tasks.json} could not pair. Inside an order-free group (Parallel branch events, sorted by
 * the recorder), a task's outcome can come before its scheduling event, so the pairing left it empty; the outcome is
 * still in the group. This gives each such task the first unclaimed outcome of its resource from the order-free
 * groups of the recorded history.
 */
final class OrderFreeOutcomes {
  private static final Map<String, List<String>> OUTCOMES = Map.of(
      "TaskScheduled", List.of("TaskSucceeded", "TaskFailed", "TaskTimedOut"),
      "LambdaFunctionScheduled", List.of("LambdaFunctionSucceeded", "LambdaFunctionFailed", "LambdaFunctionTimedOut"),
      "ActivityScheduled", List.of("ActivitySucceeded", "ActivityFailed", "ActivityTimedOut"));

  private OrderFreeOutcomes() {}

  static JsonNode fill(JsonNode tasks, JsonNode expectedEvents) {
    if (!tasks.isArray() || !expectedEvents.isArray()) {
      return tasks;
    }
    var unclaimed = new ArrayList<JsonNode>();
    expectedEvents.forEach(event -> {
      if (event.path("id").isNull() && OUTCOMES.values().stream().anyMatch(types -> types.contains(event.path("type").asText()))) {
        unclaimed.add(event);
      }
    });
    var filled = ((ArrayNode) tasks).deepCopy();
    // Outcomes already paired with order-free tasks are claimed first.
    filled.forEach(entry -> {
      if (entry.path("scheduledEventId").isNull() && entry.path("outcome").isObject()) {
        claim(unclaimed, entry).ifPresent(unclaimed::remove);
      }
    });
    filled.forEach(entry -> {
      if (entry.path("scheduledEventId").isNull() && !entry.path("outcome").isObject()) {
        claim(unclaimed, entry).ifPresent(event -> {
          unclaimed.remove(event);
          var type = event.path("type").asText();
          var outcome = ((ObjectNode) entry).putObject("outcome");
          outcome.put("type", type);
          outcome.set("details", event.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails"));
        });
      }
    });
    return filled;
  }

  private static Optional<JsonNode> claim(List<JsonNode> unclaimed, JsonNode entry) {
    var types = OUTCOMES.getOrDefault(entry.path("type").asText(), List.of());
    return unclaimed.stream().filter(event -> types.contains(event.path("type").asText()) && sameResource(event, entry)).findFirst();
  }

  private static boolean sameResource(JsonNode event, JsonNode entry) {
    var type = event.path("type").asText();
    var details = event.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
    return !details.has("resource") || details.path("resource").equals(entry.path("resource"));
  }
}
