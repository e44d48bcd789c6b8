package dev.stepfold.error;

/** The AWS Step Functions API error types, by their {@code __type} name on the wire. A command that fails with one changes nothing. */
public enum ApiError {
  ACTIVITY_DOES_NOT_EXIST("ActivityDoesNotExist"),
  EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists"),
  EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist"),
  EXECUTION_LIMIT_EXCEEDED("ExecutionLimitExceeded"),
  EXECUTION_NOT_REDRIVABLE("ExecutionNotRedrivable"),
  /**
   * AWS's common error for a request that failed for an unknown reason (HTTP 500). Only a bug answers with it: bad input
   * always gets one of the client errors.
   */
  INTERNAL_FAILURE("InternalFailure"),
  INVALID_ARN("InvalidArn"),
  INVALID_DEFINITION("InvalidDefinition"),
  INVALID_EXECUTION_INPUT("InvalidExecutionInput"),
  INVALID_NAME("InvalidName"),
  INVALID_OUTPUT("InvalidOutput"),
  INVALID_TOKEN("InvalidToken"),
  MISSING_REQUIRED_PARAMETER("MissingRequiredParameter"),
  STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists"),
  STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
  TASK_DOES_NOT_EXIST("TaskDoesNotExist"),
  TASK_TIMED_OUT("TaskTimedOut"),
  VALIDATION_EXCEPTION("ValidationException");

  private final String awsName;

  ApiError(String awsName) {
    this.awsName = awsName;
  }

  public String awsName() {
    return awsName;
  }
}
