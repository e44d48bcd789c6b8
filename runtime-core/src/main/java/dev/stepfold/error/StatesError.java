package dev.stepfold.error;

import java.util.Objects;
import java.util.Optional;

/**
 * An error inside an execution: it goes through Retry and Catch and, if nothing handles it, fails the execution.
 * The set is open: tasks report any name; names starting with {@code States.} are AWS's predefined ones.
 * An absent error or cause is the empty string, which the history omits.
 */
public record StatesError(String error, String cause) {
  public static final String ALL = "States.ALL";
  public static final String RUNTIME = "States.Runtime";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

  public StatesError {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
  }

  public static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  /**
   * {@code States.ALL} matches every error but {@code States.Runtime}. AWS's recordings show it catching
   * {@code States.DataLimitExceeded} raised by a task's result.
   */
  public boolean caughtByAll() {
    return !error.equals(RUNTIME);
  }

  public boolean matches(String errorEquals) {
    return errorEquals.equals(error) || (errorEquals.equals(ALL) && caughtByAll())
        || (errorEquals.equals(TIMEOUT) && error.equals(HEARTBEAT_TIMEOUT))
        || (errorEquals.equals(TASK_FAILED) && !error.startsWith("States.") && !error.isEmpty());
  }

  public Optional<String> errorIfPresent() {
    return error.isEmpty() ? Optional.empty() : Optional.of(error);
  }

  public Optional<String> causeIfPresent() {
    return cause.isEmpty() ? Optional.empty() : Optional.of(cause);
  }
}
