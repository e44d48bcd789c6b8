package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.history.HistoryEvent;
import java.time.Instant;
import java.util.List;

/**
 * What the topology tells about its work as it does it, for metrics: the events of each decision as they are written
 * to the history topic, the timers fired, the dead letters, the commands forwarded to their key's partition. Called on
 * stream threads, before the transaction commits (an aborted transaction's work is told too); it must be quick and
 * must not throw.
 */
public interface ProcessingObserver {
  /** Observes nothing. */
  ProcessingObserver NONE = new ProcessingObserver() {};

  /** The events of one decision of {@code executionArn}, in order, as they are written to the history topic. */
  default void eventsWritten(ExecutionArn executionArn, List<HistoryEvent> events) {}

  /** A timer due at {@code due} fired at {@code firedAt} (the punctuator's wall-clock time). */
  default void timerFired(Instant due, Instant firedAt) {}

  /** A record went to the dead-letter topic. */
  default void deadLettered() {}

  /** A command read from another partition than its key's was forwarded there ({@link CommandRouter}). */
  default void commandForwarded() {}
}
