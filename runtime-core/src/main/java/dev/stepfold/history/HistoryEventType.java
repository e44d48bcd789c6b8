package dev.stepfold.history;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every AWS {@code HistoryEventType}, with the name of its details member in {@code GetExecutionHistory}. */
public enum HistoryEventType {
  ACTIVITY_FAILED("ActivityFailed", "activityFailedEventDetails"),
  ACTIVITY_SCHEDULED("ActivityScheduled", "activityScheduledEventDetails"),
  ACTIVITY_SCHEDULE_FAILED("ActivityScheduleFailed", "activityScheduleFailedEventDetails"),
  ACTIVITY_STARTED("ActivityStarted", "activityStartedEventDetails"),
  ACTIVITY_SUCCEEDED("ActivitySucceeded", "activitySucceededEventDetails"),
  ACTIVITY_TIMED_OUT("ActivityTimedOut", "activityTimedOutEventDetails"),
  CHOICE_STATE_ENTERED("ChoiceStateEntered", "stateEnteredEventDetails"),
  CHOICE_STATE_EXITED("ChoiceStateExited", "stateExitedEventDetails"),
  EXECUTION_ABORTED("ExecutionAborted", "executionAbortedEventDetails"),
  EXECUTION_FAILED("ExecutionFailed", "executionFailedEventDetails"),
  EXECUTION_STARTED("ExecutionStarted", "executionStartedEventDetails"),
  EXECUTION_SUCCEEDED("ExecutionSucceeded", "executionSucceededEventDetails"),
  EXECUTION_TIMED_OUT("ExecutionTimedOut", "executionTimedOutEventDetails"),
  FAIL_STATE_ENTERED("FailStateEntered", "stateEnteredEventDetails"),
  LAMBDA_FUNCTION_FAILED("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails"),
  LAMBDA_FUNCTION_SCHEDULED("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"),
  LAMBDA_FUNCTION_SCHEDULE_FAILED("LambdaFunctionScheduleFailed", "lambdaFunctionScheduleFailedEventDetails"),
  LAMBDA_FUNCTION_STARTED("LambdaFunctionStarted", null),
  LAMBDA_FUNCTION_START_FAILED("LambdaFunctionStartFailed", "lambdaFunctionStartFailedEventDetails"),
  LAMBDA_FUNCTION_SUCCEEDED("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails"),
  LAMBDA_FUNCTION_TIMED_OUT("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails"),
  MAP_ITERATION_ABORTED("MapIterationAborted", "mapIterationAbortedEventDetails"),
  MAP_ITERATION_FAILED("MapIterationFailed", "mapIterationFailedEventDetails"),
  MAP_ITERATION_STARTED("MapIterationStarted", "mapIterationStartedEventDetails"),
  MAP_ITERATION_SUCCEEDED("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
  MAP_STATE_ABORTED("MapStateAborted", null),
  MAP_STATE_ENTERED("MapStateEntered", "stateEnteredEventDetails"),
  MAP_STATE_EXITED("MapStateExited", "stateExitedEventDetails"),
  MAP_STATE_FAILED("MapStateFailed", null),
  MAP_STATE_STARTED("MapStateStarted", "mapStateStartedEventDetails"),
  MAP_STATE_SUCCEEDED("MapStateSucceeded", null),
  PARALLEL_STATE_ABORTED("ParallelStateAborted", null),
  PARALLEL_STATE_ENTERED("ParallelStateEntered", "stateEnteredEventDetails"),
  PARALLEL_STATE_EXITED("ParallelStateExited", "stateExitedEventDetails"),
  PARALLEL_STATE_FAILED("ParallelStateFailed", null),
  PARALLEL_STATE_STARTED("ParallelStateStarted", null),
  PARALLEL_STATE_SUCCEEDED("ParallelStateSucceeded", null),
  PASS_STATE_ENTERED("PassStateEntered", "stateEnteredEventDetails"),
  PASS_STATE_EXITED("PassStateExited", "stateExitedEventDetails"),
  SUCCEED_STATE_ENTERED("SucceedStateEntered", "stateEnteredEventDetails"),
  SUCCEED_STATE_EXITED("SucceedStateExited", "stateExitedEventDetails"),
  TASK_FAILED("TaskFailed", "taskFailedEventDetails"),
  TASK_SCHEDULED("TaskScheduled", "taskScheduledEventDetails"),
  TASK_STARTED("TaskStarted", "taskStartedEventDetails"),
  TASK_START_FAILED("TaskStartFailed", "taskStartFailedEventDetails"),
  TASK_STATE_ABORTED("TaskStateAborted", null),
  TASK_STATE_ENTERED("TaskStateEntered", "stateEnteredEventDetails"),
  TASK_STATE_EXITED("TaskStateExited", "stateExitedEventDetails"),
  TASK_SUBMIT_FAILED("TaskSubmitFailed", "taskSubmitFailedEventDetails"),
  TASK_SUBMITTED("TaskSubmitted", "taskSubmittedEventDetails"),
  TASK_SUCCEEDED("TaskSucceeded", "taskSucceededEventDetails"),
  TASK_TIMED_OUT("TaskTimedOut", "taskTimedOutEventDetails"),
  WAIT_STATE_ABORTED("WaitStateAborted", null),
  WAIT_STATE_ENTERED("WaitStateEntered", "stateEnteredEventDetails"),
  WAIT_STATE_EXITED("WaitStateExited", "stateExitedEventDetails"),
  MAP_RUN_ABORTED("MapRunAborted", null),
  MAP_RUN_FAILED("MapRunFailed", "mapRunFailedEventDetails"),
  MAP_RUN_STARTED("MapRunStarted", "mapRunStartedEventDetails"),
  MAP_RUN_SUCCEEDED("MapRunSucceeded", null),
  EXECUTION_REDRIVEN("ExecutionRedriven", "executionRedrivenEventDetails"),
  MAP_RUN_REDRIVEN("MapRunRedriven", "mapRunRedrivenEventDetails"),
  EVALUATION_FAILED("EvaluationFailed", "evaluationFailedEventDetails");

  private static final Map<String, HistoryEventType> BY_AWS_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(HistoryEventType::awsName, Function.identity()));

  private final String awsName;
  private final String detailsMember;

  HistoryEventType(String awsName, String detailsMember) {
    this.awsName = awsName;
    this.detailsMember = detailsMember;
  }

  public String awsName() {
    return awsName;
  }

  /** The details member ({@code taskScheduledEventDetails}, ...); empty for the types that carry none. */
  public Optional<String> detailsMember() {
    return Optional.ofNullable(detailsMember);
  }

  public static Optional<HistoryEventType> byAwsName(String awsName) {
    return Optional.ofNullable(BY_AWS_NAME.get(awsName));
  }

  /** {@code <StateType>StateEntered} for a state type name as in ASL ({@code Pass}, {@code Task}, ...). */
  public static HistoryEventType stateEntered(String stateTypeName) {
    return valueOf(stateTypeName.toUpperCase() + "_STATE_ENTERED");
  }

  /** {@code <StateType>StateExited}; Fail has none. */
  public static HistoryEventType stateExited(String stateTypeName) {
    return valueOf(stateTypeName.toUpperCase() + "_STATE_EXITED");
  }
}
