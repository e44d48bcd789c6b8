package dev.stepfold.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} reports it: ids are contiguous from 1 and
 * {@code previousEventId} is what AWS writes (0 where there is none). {@code scope} says in which Parallel branch or
 * Map iteration it happened; AWS does not show it.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type, EventDetails details, ScopePath scope) {
  /** An event of the root scope. */
  public HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type, EventDetails details) {
    this(id, previousEventId, timestamp, type, details, ScopePath.ROOT);
  }

  public HistoryEvent {
    Objects.requireNonNull(scope, "scope");
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
