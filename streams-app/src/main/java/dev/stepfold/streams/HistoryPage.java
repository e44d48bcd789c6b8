package dev.stepfold.streams;

import dev.stepfold.history.HistoryEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of GetExecutionHistory; {@code nextToken} when there are more. */
public record HistoryPage(List<HistoryEvent> events, Optional<String> nextToken) {
  public HistoryPage {
    events = List.copyOf(events);
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
