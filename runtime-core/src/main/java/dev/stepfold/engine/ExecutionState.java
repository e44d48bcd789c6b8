package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.history.EventDetails;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fold of an execution's history: everything {@code decide} needs, and nothing it could not rebuild from the
 * events. Changed only by {@code evolve}.
 *
 * @param started what ExecutionStarted said (empty before it)
 * @param lastEventId the id of the last event; the next is one more
 * @param root the root scope: the active state of the top-level states
 * @param output the execution's output once it succeeded
 * @param closeError error and cause of a FAILED, TIMED_OUT or ABORTED execution
 * @param stopDate when the execution closed
 * @param timers the timers set and not yet fired or cancelled, by id
 */
public record ExecutionState(
    ExecutionStatus status,
    Optional<EventDetails.ExecutionStarted> started,
    Optional<Instant> startDate,
    long lastEventId,
    Scope root,
    Optional<JsonNode> output,
    Optional<EventDetails.Failure> closeError,
    Optional<Instant> stopDate,
    Map<TimerId, Instant> timers) {

  public static final ExecutionState NOT_STARTED = new ExecutionState(
      ExecutionStatus.NOT_STARTED, Optional.empty(), Optional.empty(), 0, Scope.EMPTY, Optional.empty(), Optional.empty(),
      Optional.empty(), Map.of());

  public ExecutionState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(closeError, "closeError");
    Objects.requireNonNull(stopDate, "stopDate");
    timers = Collections.unmodifiableMap(new LinkedHashMap<>(timers));
  }

  public Optional<String> error() {
    return closeError.flatMap(EventDetails.Failure::error);
  }

  public Optional<String> cause() {
    return closeError.flatMap(EventDetails.Failure::cause);
  }
}
