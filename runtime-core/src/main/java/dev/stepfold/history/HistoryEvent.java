package dev.stepfold.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} reports it: ids are contiguous from 1 and
 * {@code previousEventId} is what AWS writes (0 where there is none).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type, EventDetails details) {
  public HistoryEvent {
    if (id < 1) {
      throw new IllegalArgumentException("Expected an event id of 1 or more, but got " + id);
    }
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(details, "details");
  }

  /** The details, as the record the type carries. */
  public <D extends EventDetails> D details(Class<D> shape) {
    if (!shape.isInstance(details)) {
      throw new IllegalStateException("Expected " + type.awsName() + " to carry " + shape.getSimpleName() + ", but it carries " + details);
    }
    return shape.cast(details);
  }
}
