package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.history.EventDetails;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The fold of an execution's history: everything {@code decide} needs, and nothing it could not rebuild from the
 * events. Changed only by {@code evolve}. Timers are not part of it: {@code decide} names each timer after the fact
 * it waits on (the Wait entered at event 7, the task scheduled at event 12), so a timer that fires late finds that
 * fact gone and is ignored.
 *
 * @param started what ExecutionStarted said (empty before it)
 * @param lastEventId the id of the last event; the next is one more
 * @param root the root scope: the active state of the top-level states
 * @param output the execution's output once it succeeded
 * @param closeError error and cause of a FAILED, TIMED_OUT or ABORTED execution
 * @param stopDate when the execution closed
 * @param redrives how often it was redriven, when last, and the client tokens of the recent redrives
 * @param topLevelInputs the input each top-level state of a STANDARD execution had when it was last entered: where a
 *     redrive from a chosen state starts
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
    Redrives redrives,
    PMap<String, JsonNode> topLevelInputs) {

  public static final ExecutionState NOT_STARTED = new ExecutionState(
      ExecutionStatus.NOT_STARTED, Optional.empty(), Optional.empty(), 0, Scope.EMPTY, Optional.empty(), Optional.empty(),
      Optional.empty(), Redrives.NONE);

  public ExecutionState {
    Objects.requireNonNull(redrives, "redrives");
    Objects.requireNonNull(topLevelInputs, "topLevelInputs");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(closeError, "closeError");
    Objects.requireNonNull(stopDate, "stopDate");
  }

  /** An execution whose top-level states' inputs are not kept. */
  public ExecutionState(
      ExecutionStatus status, Optional<EventDetails.ExecutionStarted> started, Optional<Instant> startDate, long lastEventId, Scope root,
      Optional<JsonNode> output, Optional<EventDetails.Failure> closeError, Optional<Instant> stopDate, Redrives redrives) {
    this(status, started, startDate, lastEventId, root, output, closeError, stopDate, redrives, HashTreePMap.empty());
  }

  /** An execution never redriven. */
  public ExecutionState(
      ExecutionStatus status, Optional<EventDetails.ExecutionStarted> started, Optional<Instant> startDate, long lastEventId, Scope root,
      Optional<JsonNode> output, Optional<EventDetails.Failure> closeError, Optional<Instant> stopDate) {
    this(status, started, startDate, lastEventId, root, output, closeError, stopDate, Redrives.NONE);
  }

  public ExecutionState withRoot(Scope newRoot) {
    return new ExecutionState(status, started, startDate, lastEventId, newRoot, output, closeError, stopDate, redrives, topLevelInputs);
  }

  public ExecutionState withLastEventId(long newLastEventId) {
    return new ExecutionState(status, started, startDate, newLastEventId, root, output, closeError, stopDate, redrives, topLevelInputs);
  }

  public ExecutionState withTopLevelInputs(PMap<String, JsonNode> newTopLevelInputs) {
    return new ExecutionState(status, started, startDate, lastEventId, root, output, closeError, stopDate, redrives, newTopLevelInputs);
  }

  public Optional<String> error() {
    return closeError.flatMap(EventDetails.Failure::error);
  }

  public Optional<String> cause() {
    return closeError.flatMap(EventDetails.Failure::cause);
  }
}
