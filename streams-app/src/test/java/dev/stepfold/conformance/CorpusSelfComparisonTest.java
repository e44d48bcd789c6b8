package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.codec.HistoryJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every recorded execution of the shared corpus matches itself as the API would report it (payloads as JSON text,
 * order-free groups reversed and numbered): a check of the comparator against the corpus's real shapes, with no
 * engine involved.
 */
class CorpusSelfComparisonTest {
  @Test
  void shouldMatchEveryRecordingWithItself() {
    var dir = Path.of(System.getProperty("stepfold.conformance.dir", "../../shared/conformance"));
    assertThat(dir.resolve("cases")).as("the shared conformance corpus").isDirectory();
    var differences = new ArrayList<String>();
    var compared = 0;
    for (var corpusCase : Corpus.load(dir)) {
      if (corpusCase.kind() != CorpusCase.Kind.EXECUTION) {
        continue;
      }
      var expected = Corpus.readJson(corpusCase.dir().resolve("expected.json"));
      var matcher = new ValueMatcher(tokens(expected.path("placeholders")), tokens(expected.path("wildcards")));
      new ExecutionComparison(matcher).compare(expected, asReported(expected)).ifPresent(reason -> differences.add(corpusCase.id() + ": " + reason));
      compared++;
    }
    assertThat(compared).isGreaterThan(0);
    assertThat(differences).isEmpty();
  }

  private static ExecutionComparison.Actual asReported(JsonNode expected) {
    var events = new ArrayList<ObjectNode>();
    expected.path("events").forEach(event -> events.add(onTheWire(event.deepCopy())));
    reverseOrderFreeGroups(events);
    return new ExecutionComparison.Actual(expected.path("status").asText(), text(expected.path("error")), text(expected.path("cause")),
        expected.path("output").isNull() && !expected.path("status").asText().equals("SUCCEEDED") ? Optional.empty()
            : Optional.of(expected.path("output")), List.copyOf(events));
  }

  /** Payload fields as JSON text, as GetExecutionHistory sends them. */
  private static ObjectNode onTheWire(ObjectNode event) {
    event.fields().forEachRemaining(member -> {
      if (member.getValue().isObject()) {
        var details = (ObjectNode) member.getValue();
        for (var field : List.of("input", "output", "parameters", "cause")) {
          if (details.path(field).isContainerNode()) {
            details.put(field, HistoryJson.compact(details.get(field)));
          }
        }
      }
    });
    return event;
  }

  private static void reverseOrderFreeGroups(List<ObjectNode> events) {
    var start = 0;
    while (start < events.size()) {
      var end = start;
      while (end < events.size() && events.get(end).path("id").isNull()) {
        end++;
      }
      if (end > start) {
        java.util.Collections.reverse(events.subList(start, end));
        for (var i = start; i < end; i++) {
          events.get(i).put("id", i + 1).put("previousEventId", i);
        }
        start = end;
      } else {
        start++;
      }
    }
  }

  private static Optional<String> text(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(value.isTextual() ? value.asText() : HistoryJson.compact(value));
  }

  private static Set<String> tokens(JsonNode list) {
    var tokens = new HashSet<String>();
    list.forEach(token -> tokens.add(token.asText()));
    return tokens;
  }
}
