package dev.stepfold.conformance;

import static dev.stepfold.conformance.ValueMatcherTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionComparisonTest {
  private final ValueMatcher matcher = new ValueMatcher(Set.of("<ArnPart_0idx>"), Set.of());
  private final ExecutionComparison comparison = new ExecutionComparison(matcher);

  @Test
  void shouldCompareStatusFirst() {
    var expected = json("{\"status\": \"SUCCEEDED\", \"output\": 1, \"error\": null, \"cause\": null, \"events\": null}");

    assertThat(comparison.compare(expected, actual("FAILED", Optional.of("E"), Optional.empty(), Optional.empty(), List.of())))
        .contains("status: expected SUCCEEDED, but got FAILED");
  }

  @Test
  void shouldCompareErrorCauseAndOutput() {
    var expected = json("{\"status\": \"FAILED\", \"output\": null, \"error\": \"States.Runtime\", \"cause\": {\"a\": 1}, \"events\": null}");

    assertThat(comparison.compare(expected, actual("FAILED", Optional.of("States.Runtime"), Optional.of("{\"a\":1}"), Optional.empty(), List.of())))
        .isEmpty();
    assertThat(comparison.compare(expected, actual("FAILED", Optional.empty(), Optional.of("{\"a\":1}"), Optional.empty(), List.of())))
        .contains("error: expected \"States.Runtime\", but got none");
    assertThat(comparison.compare(expected, actual("FAILED", Optional.of("States.Runtime"), Optional.of("{\"a\":2}"), Optional.empty(), List.of())))
        .contains("cause.a: expected 1, but got 2");
  }

  @Test
  void shouldAcceptANullOutputOfASucceededExecution() {
    var expected = json("{\"status\": \"SUCCEEDED\", \"output\": null, \"error\": null, \"cause\": null, \"events\": null}");

    assertThat(comparison.compare(expected, actual("SUCCEEDED", Optional.empty(), Optional.empty(), Optional.of(json("null")), List.of()))).isEmpty();
    assertThat(comparison.compare(expected, actual("SUCCEEDED", Optional.empty(), Optional.empty(), Optional.of(json("1")), List.of())))
        .contains("output: expected null, but got 1");
  }

  @Test
  void shouldCompareEventsPositionByPosition() {
    var expected = json("""
        [{"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": {"a": 1}}},
         {"id": 2, "previousEventId": 0, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "P"}}]""");

    assertThat(comparison.compareEvents(expected, events(
        event(1, 0, "ExecutionStarted", "executionStartedEventDetails", "{\"input\": \"{\\\"a\\\":1}\"}"),
        event(2, 0, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"P\"}")))).isEmpty();
    assertThat(comparison.compareEvents(expected, events(
        event(1, 0, "ExecutionStarted", "executionStartedEventDetails", "{\"input\": \"{\\\"a\\\":1}\"}"),
        event(2, 1, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"P\"}"))))
        .contains("events[1](PassStateEntered).previousEventId: expected 0, but got 1");
    assertThat(comparison.compareEvents(expected, events(
        event(1, 0, "ExecutionStarted", "executionStartedEventDetails", "{\"input\": \"{\\\"a\\\":2}\"}"))))
        .contains("events[0](ExecutionStarted).executionStartedEventDetails.input.a: expected 1, but got 2");
  }

  @Test
  void shouldReportMissingAndExtraEvents() {
    var expected = json("[{\"id\": 1, \"previousEventId\": 0, \"type\": \"ParallelStateStarted\"}]");

    assertThat(comparison.compareEvents(expected, List.of())).hasValueSatisfying(reason -> assertThat(reason).contains("first missing is events[0]"));
    assertThat(comparison.compareEvents(expected, events(event(1, 0, "ParallelStateStarted", null, null), event(2, 1, "ParallelStateSucceeded", null,
        null)))).hasValueSatisfying(reason -> assertThat(reason).contains("the first extra is events[1] ParallelStateSucceeded"));
  }

  @Test
  void shouldRequireTheSameDetailsMember() {
    var expected = json("[{\"id\": 4, \"previousEventId\": 3, \"type\": \"ActivityStarted\", \"activityStartedEventDetails\": {}}]");

    assertThat(comparison.compareEvents(expected, events(event(4, 3, "ActivityStarted", null, null))))
        .contains("events[0](ActivityStarted): expected the details member [activityStartedEventDetails], but got []");
  }

  @Test
  void shouldNotComparePreviousEventIdWhenItIsNull() {
    var expected = json("[{\"id\": 5, \"previousEventId\": null, \"type\": \"ParallelStateStarted\"}]");

    assertThat(comparison.compareEvents(expected, events(event(5, 2, "ParallelStateStarted", null, null)))).isEmpty();
  }

  @Test
  void shouldMatchOrderFreeGroupsAsAMultiset() {
    var expected = json("""
        [{"id": 1, "previousEventId": 0, "type": "ParallelStateStarted"},
         {"id": null, "previousEventId": null, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
         {"id": null, "previousEventId": null, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "B"}},
         {"id": null, "previousEventId": null, "type": "PassStateExited", "stateExitedEventDetails": {"name": "<ArnPart_0idx>"}},
         {"id": 5, "previousEventId": 4, "type": "ParallelStateSucceeded"}]""");
    var actual = events(
        event(1, 0, "ParallelStateStarted", null, null),
        event(2, 1, "PassStateExited", "stateExitedEventDetails", "{\"name\": \"B\"}"),
        event(3, 1, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"B\"}"),
        event(4, 2, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"A\"}"),
        event(5, 4, "ParallelStateSucceeded", null, null));

    assertThat(comparison.compareEvents(expected, actual)).isEmpty();
    assertThat(matcher.bindings()).containsEntry("<ArnPart_0idx>", "B");
  }

  @Test
  void shouldNameTheGroupAndTheNearestEventWhenAGroupDoesNotMatch() {
    var expected = json("""
        [{"id": null, "previousEventId": null, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
         {"id": null, "previousEventId": null, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "B"}}]""");
    var actual = events(
        event(1, 0, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"A\"}"),
        event(2, 0, "PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"C\"}"));

    assertThat(comparison.compareEvents(expected, actual)).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("events[0..1] (order-free group): no event matches expected events[1] PassStateEntered")
        .contains("name: expected \"B\", but got \"C\""));
  }

  private static ExecutionComparison.Actual actual(String status, Optional<String> error, Optional<String> cause, Optional<JsonNode> output,
      List<ObjectNode> events) {
    return new ExecutionComparison.Actual(status, error, cause, output, events);
  }

  private static List<ObjectNode> events(ObjectNode... events) {
    return new ArrayList<>(List.of(events));
  }

  private static ObjectNode event(long id, long previous, String type, String member, String details) {
    var event = (ObjectNode) json("{}");
    event.put("type", type).put("id", id).put("previousEventId", previous);
    if (member != null) {
      event.set(member, json(details));
    }
    return event;
  }
}
