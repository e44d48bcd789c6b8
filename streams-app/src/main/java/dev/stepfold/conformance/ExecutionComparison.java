package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compares what the engine did with a case's {@code expected.json}, in the README's order: status, error, cause,
 * output, then the events (position by position; runs of events with a {@code null} id are order-free groups).
 * Returns the first difference, with its path.
 */
final class ExecutionComparison {
  private static final Set<String> EVENT_FIELDS = Set.of("id", "previousEventId", "type", "timestamp");

  private final ValueMatcher matcher;

  ExecutionComparison(ValueMatcher matcher) {
    this.matcher = matcher;
  }

  /** What the engine reported, in AWS's terms: output as a JSON value, events as GetExecutionHistory renders them. */
  record Actual(String status, Optional<String> error, Optional<String> cause, Optional<JsonNode> output, List<ObjectNode> events) {
    Actual {
      events = List.copyOf(events);
    }
  }

  Optional<String> compare(JsonNode expected, Actual actual) {
    var status = expected.path("status").asText();
    if (!status.equals(actual.status())) {
      return Optional.of("status: expected " + status + ", but got " + actual.status());
    }
    return first(
        () -> compareOptionalText("error", expected.path("error"), actual.error()),
        () -> compareOptionalText("cause", expected.path("cause"), actual.cause()),
        () -> compareOutput(expected.path("output"), actual.output(), status),
        () -> expected.path("events").isArray() ? compareEvents(expected.path("events"), actual.events()) : Optional.empty());
  }

  private Optional<String> compareOptionalText(String path, JsonNode expected, Optional<String> actual) {
    if (expected.isNull() || expected.isMissingNode()) {
      return actual.map(value -> path + ": expected none, but got " + ValueMatcher.abbreviate(value));
    }
    if (actual.isEmpty()) {
      return Optional.of(path + ": expected " + ValueMatcher.abbreviate(expected.toString()) + ", but got none");
    }
    return matcher.compare(path, expected, TextNode.valueOf(actual.get()));
  }

  private Optional<String> compareOutput(JsonNode expected, Optional<JsonNode> actual, String status) {
    if (expected.isNull() || expected.isMissingNode()) {
      var acceptsNull = status.equals("SUCCEEDED");
      return actual.filter(value -> !(acceptsNull && value.isNull()))
          .map(value -> "output: expected " + (acceptsNull ? "null" : "none") + ", but got " + ValueMatcher.abbreviate(value.toString()));
    }
    if (actual.isEmpty()) {
      return Optional.of("output: expected " + ValueMatcher.abbreviate(expected.toString()) + ", but got none");
    }
    return matcher.compare("output", expected, actual.get());
  }

  Optional<String> compareEvents(JsonNode expected, List<ObjectNode> actual) {
    var position = 0;
    while (position < expected.size()) {
      if (position >= actual.size()) {
        return Optional.of("events: expected " + expected.size() + " events, but the history has " + actual.size() + "; the first missing is events["
            + position + "] " + expected.get(position).path("type").asText());
      }
      if (expected.get(position).path("id").isNull()) {
        var end = position;
        while (end < expected.size() && expected.get(end).path("id").isNull()) {
          end++;
        }
        var difference = compareGroup(expected, actual, position, end);
        if (difference.isPresent()) {
          return difference;
        }
        position = end;
      } else {
        var difference = compareEvent(path(position, expected.get(position)), expected.get(position), actual.get(position), true);
        if (difference.isPresent()) {
          return difference;
        }
        position++;
      }
    }
    if (actual.size() > expected.size()) {
      return Optional.of("events: expected " + expected.size() + " events, but the history has " + actual.size() + "; the first extra is events["
          + expected.size() + "] " + actual.get(expected.size()).path("type").asText());
    }
    return Optional.empty();
  }

  /** Expected events {@code from} to {@code end} (excluded) match the actual ones at those positions in any order. */
  private Optional<String> compareGroup(JsonNode expected, List<ObjectNode> actual, int from, int end) {
    if (end > actual.size()) {
      return Optional.of("events: expected " + expected.size() + " events, but the history has " + actual.size()
          + "; it ends inside the order-free group events[" + from + ".." + (end - 1) + "]");
    }
    var unused = new ArrayList<ObjectNode>(actual.subList(from, end));
    for (var i = from; i < end; i++) {
      var wanted = expected.get(i);
      ObjectNode match = null;
      String closest = null;
      for (var candidate : unused) {
        var trial = matcher.copy();
        var difference = new ExecutionComparison(trial).compareEvent(path(i, wanted), wanted, candidate, false);
        if (difference.isEmpty()) {
          matcher.commit(trial);
          match = candidate;
          break;
        }
        if (closest == null && candidate.path("type").equals(wanted.path("type"))) {
          closest = difference.get();
        }
      }
      if (match == null) {
        return Optional.of("events[" + from + ".." + (end - 1) + "] (order-free group): no event matches expected events[" + i + "] "
            + wanted.path("type").asText() + (closest == null ? "; none has that type" : "; the nearest differs at " + closest));
      }
      unused.remove(match);
    }
    return Optional.empty();
  }

  private Optional<String> compareEvent(String path, JsonNode expected, ObjectNode actual, boolean compareIds) {
    if (compareIds) {
      if (!sameNumber(expected.path("id"), actual.path("id"))) {
        return Optional.of(path + ".id: expected " + expected.path("id") + ", but got " + actual.path("id"));
      }
      var previous = expected.path("previousEventId");
      if (!previous.isNull() && !sameNumber(previous, actual.path("previousEventId"))) {
        return Optional.of(path + ".previousEventId: expected " + previous + ", but got " + actual.path("previousEventId"));
      }
    }
    if (!expected.path("type").asText().equals(actual.path("type").asText())) {
      return Optional.of(path + ".type: expected " + expected.path("type").asText() + ", but got " + actual.path("type").asText());
    }
    var expectedDetails = detailsMembers(expected);
    var actualDetails = detailsMembers(actual);
    if (!expectedDetails.equals(actualDetails)) {
      return Optional.of(path + ": expected the details member " + expectedDetails + ", but got " + actualDetails);
    }
    for (var member : expectedDetails) {
      var difference = matcher.compare(path + "." + member, expected.get(member), actual.get(member));
      if (difference.isPresent()) {
        return difference;
      }
    }
    return Optional.empty();
  }

  private static String path(int position, JsonNode event) {
    return "events[" + position + "](" + event.path("type").asText() + ")";
  }

  private static boolean sameNumber(JsonNode expected, JsonNode actual) {
    return expected.isNumber() && actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
  }

  private static Set<String> detailsMembers(JsonNode event) {
    var members = new LinkedHashSet<String>();
    event.fieldNames().forEachRemaining(name -> {
      if (!EVENT_FIELDS.contains(name)) {
        members.add(name);
      }
    });
    return members;
  }

  @SafeVarargs
  private static Optional<String> first(Supplier<Optional<String>>... comparisons) {
    for (var comparison : comparisons) {
      var difference = comparison.get();
      if (difference.isPresent()) {
        return difference;
      }
    }
    return Optional.empty();
  }
}
