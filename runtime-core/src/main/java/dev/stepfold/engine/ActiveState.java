package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
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
 * @param failedChild the child execution its last attempt started, when that was a {@code .sync} StartExecution task that
 *     failed (the child failed, timed out or was stopped); a redrive that redrives children continues it
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
    Optional<Fanout> fanout,
    Optional<ExecutionArn> failedChild) {
  public ActiveState {
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(enteredTime, "enteredTime");
    Objects.requireNonNull(input, "input");
    retriedErrors = List.copyOf(retriedErrors);
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(fanout, "fanout");
    Objects.requireNonNull(failedChild, "failedChild");
  }

  public static ActiveState entered(String stateName, long enteredEventId, long enteredAfterEventId, Instant enteredTime, JsonNode input) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * The {@code .sync} child execution this state left unfinished: the failed child of its last attempt, or the child its
   * task still waited on when the execution was stopped or timed out.
   */
  public Optional<ExecutionArn> unfinishedChild() {
    return failedChild.or(() -> task.filter(TaskInFlight::submitted).flatMap(TaskInFlight::syncChild));
  }

  public int retryCount() {
    return retriedErrors.size();
  }

  public ActiveState withTask(Optional<TaskInFlight> newTask) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, newTask, lastFailure, fanout, failedChild);
  }

  /** Its task failed; a {@code .sync} child it had started is kept as the failed child. */
  public ActiveState failed(StatesError failure) {
    var child = task.filter(TaskInFlight::submitted).flatMap(TaskInFlight::syncChild);
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, Optional.empty(), Optional.of(failure),
        fanout, child);
  }

  /** The same state, to be entered again with {@code newInput} (a redrive's corrected input). */
  public ActiveState withInput(JsonNode newInput) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, newInput, retriedErrors, task, lastFailure, fanout, failedChild);
  }

  public ActiveState withFanout(Optional<Fanout> newFanout) {
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retriedErrors, task, lastFailure, newFanout, failedChild);
  }

  /** A new attempt of a Task starts: the last failure, if any, was retried. */
  public ActiveState attemptStarted() {
    return lastFailure.map(failure -> attemptStarted(Optional.of(failure.error()))).orElse(this);
  }

  /** A new attempt starts; {@code retriedError} is the error it retries, if it is a retry. */
  public ActiveState attemptStarted(Optional<String> retriedError) {
    var retried = new ArrayList<>(retriedErrors);
    retriedError.ifPresent(retried::add);
    return new ActiveState(stateName, enteredEventId, enteredAfterEventId, enteredTime, input, retried, task, Optional.empty(), fanout,
        Optional.empty());
  }
}
