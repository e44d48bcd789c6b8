package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state a scope is in now.
 *
 * @param stateName the state's name
 * @param enteredEventId the id of its {@code ...StateEntered} event
 * @param enteredAfterEventId the previousEventId of that event (an EvaluationFailed of the state names it too)
 * @param enteredTime when it was entered
 * @param input its input, as the StateEntered event shows it
 * @param retriedErrors the errors it has retried so far, in order; their count is {@code $$.State.RetryCount}, and
 *     which retrier each one used follows from the definition
 * @param task the task it waits on, if it does
 * @param lastFailure the error of its last attempt, while it waits to retry
 * @param fanout the branches or iterations of a Parallel or Map
 */
public record ActiveState(
    String stateName,
    long enteredEventId,
    long enteredAfterEventId,
    Instant enteredTime,
    JsonNode input,
    List<String> retriedErrors,
    Optional<TaskInFlight> task,
    Optional<StatesError> lastFailure,
    Optional<Fanout> fanout) {
  public ActiveState {
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(enteredTime, "enteredTime");
    Objects.requireNonNull(input, "input");
    retriedErrors = List.copyOf(retriedErrors);
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(fanout, "fanout");
  }

  public static ActiveState entered(String stateName, long enteredEventId, long enteredAfterEventId, Instant enteredTime, JsonNode input) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public int retryCount() {
    return retriedErrors.size();
  }

  public ActiveState withTask(Optional<TaskInFlight> newTask) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, newTask, lastFailure, fanout);
  }

  public ActiveState failed(StatesError failure) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, Optional.empty(), Optional.of(failure), fanout);
  }

  public ActiveState withFanout(Optional<Fanout> newFanout) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, task, lastFailure, newFanout);
  }

  /** A new attempt of a Task starts: the last failure, if any, was retried. */
  public ActiveState attemptStarted() {
    return lastFailure.map(failure -> attemptStarted(Optional.of(failure.error()))).orElse(this);
  }

  /** A new attempt starts; {@code retriedError} is the error it retries, if it is a retry. */
  public ActiveState attemptStarted(Optional<String> retriedError) {
    var retried = new ArrayList<>(retriedErrors);
    retriedError.ifPresent(retried::add);
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retried, task, Optional.empty(), fanout);
  }
}
