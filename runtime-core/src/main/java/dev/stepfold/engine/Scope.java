package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a list of states runs: the root, a Parallel branch or a Map iteration. It has at most one active state.
 *
 * @param active the state it is in now
 * @param lastEventId the last event of its flow, which the next event of the flow names as previousEventId
 * @param status whether it runs, ended well, failed or was aborted (the root's is the execution's status instead)
 * @param output the output of the last state it left; once it succeeded, its result
 * @param variables the workflow variables assigned in this scope (the states in it also see those of the scopes
 *     around it; nothing assigned here is seen outside)
 */
public record Scope(
    Optional<ActiveState> active, long lastEventId, ScopeStatus status, Optional<JsonNode> output, Map<String, JsonNode> variables) {
  public static final Scope EMPTY = new Scope(Optional.empty(), 0, ScopeStatus.RUNNING, Optional.empty(), Map.of());

  public enum ScopeStatus { NOT_STARTED, RUNNING, SUCCEEDED, FAILED, ABORTED }

  public Scope {
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(variables, "variables");
  }

  public Scope(Optional<ActiveState> active, long lastEventId, ScopeStatus status, Optional<JsonNode> output) {
    this(active, lastEventId, status, output, Map.of());
  }

  /** A branch or iteration that starts now, its flow following {@code startedEventId}. */
  public static Scope started(long startedEventId) {
    return new Scope(Optional.empty(), startedEventId, ScopeStatus.RUNNING, Optional.empty());
  }

  public static Scope notStarted() {
    return new Scope(Optional.empty(), 0, ScopeStatus.NOT_STARTED, Optional.empty());
  }

  public Scope withActive(Optional<ActiveState> newActive, long eventId) {
    return new Scope(newActive, eventId, status, output, variables);
  }

  public Scope withStatus(ScopeStatus newStatus) {
    return new Scope(active, lastEventId, newStatus, output, variables);
  }

  public Scope withVariables(Map<String, JsonNode> newVariables) {
    return new Scope(active, lastEventId, status, output, newVariables);
  }

  /** Started and not run yet: no state entered. */
  public boolean awaitsFirstState() {
    return status == ScopeStatus.RUNNING && active.isEmpty() && output.isEmpty();
  }
}
