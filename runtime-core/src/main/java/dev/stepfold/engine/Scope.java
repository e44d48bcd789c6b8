package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a list of states runs: the root, a Parallel branch or a Map iteration. It has at most one active state.
 *
 * @param active the state it is in now
 * @param lastEventId the last event of its flow, which the next event of the flow names as previousEventId
 * @param status whether it runs, ended well, failed or was aborted (the root's is the execution's status instead)
 * @param output the output of the last state it left; once it succeeded, its result
 */
public record Scope(Optional<ActiveState> active, long lastEventId, ScopeStatus status, Optional<JsonNode> output) {
  public static final Scope EMPTY = new Scope(Optional.empty(), 0, ScopeStatus.RUNNING, Optional.empty());

  public enum ScopeStatus { NOT_STARTED, RUNNING, SUCCEEDED, FAILED, ABORTED }

  public Scope {
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(output, "output");
  }

  /** A branch or iteration that starts now, its flow following {@code startedEventId}. */
  public static Scope started(long startedEventId) {
    return new Scope(Optional.empty(), startedEventId, ScopeStatus.RUNNING, Optional.empty());
  }

  public static Scope notStarted() {
    return new Scope(Optional.empty(), 0, ScopeStatus.NOT_STARTED, Optional.empty());
  }

  public Scope withActive(Optional<ActiveState> newActive, long eventId) {
    return new Scope(newActive, eventId, status, output);
  }

  public Scope withStatus(ScopeStatus newStatus) {
    return new Scope(active, lastEventId, newStatus, output);
  }

  /** Started and not run yet: no state entered. */
  public boolean awaitsFirstState() {
    return status == ScopeStatus.RUNNING && active.isEmpty() && output.isEmpty();
  }
}
