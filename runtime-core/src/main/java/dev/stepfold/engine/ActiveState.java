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
 * @param enteredTime when it was entered
 * @param input its input, as the StateEntered event shows it
 * @param retriedErrors the errors it has retried so far, in order; their count is {@code $$.State.RetryCount}, and
 *     which retrier each one used follows from the definition
 * @param task the task it waits on, if it does
 * @param lastFailure the error of its last attempt, while it waits to retry
 */
public record ActiveState(
    String stateName,
    long enteredEventId,
    Instant enteredTime,
    JsonNode input,
    List<String> retriedErrors,
    Optional<TaskInFlight> task,
    Optional<StatesError> lastFailure) {
  public ActiveState {
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(enteredTime, "enteredTime");
    Objects.requireNonNull(input, "input");
    retriedErrors = List.copyOf(retriedErrors);
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }

  public static ActiveState entered(String stateName, long enteredEventId, Instant enteredTime, JsonNode input) {
    return new ActiveState(stateName, enteredEventId, enteredTime, input, List.of(), Optional.empty(), Optional.empty());
  }

  public int retryCount() {
    return retriedErrors.size();
  }

  public ActiveState withTask(Optional<TaskInFlight> newTask) {
    return new ActiveState(stateName, enteredEventId, enteredTime, input, retriedErrors, newTask, lastFailure);
  }

  public ActiveState failed(StatesError failure) {
    return new ActiveState(stateName, enteredEventId, enteredTime, input, retriedErrors, Optional.empty(), Optional.of(failure));
  }

  /** A new attempt starts: the last failure, if any, was retried. */
  public ActiveState attemptStarted() {
    if (lastFailure.isEmpty()) {
      return this;
    }
    var retried = new ArrayList<>(retriedErrors);
    retried.add(lastFailure.get().error());
    return new ActiveState(stateName, enteredEventId, enteredTime, input, retried, task, Optional.empty());
  }
}
