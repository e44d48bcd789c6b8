package dev.stepfold.error;

/** The AWS Step Functions API error types, by their {@code __type} name on the wire. A command that fails with one changes nothing. */
public enum ApiError {
  ACTIVITY_DOES_NOT_EXIST("ActivityDoesNotExist"),
  /** A change that conflicts with the resource as it is (a version an alias routes to, a revision that moved on): HTTP 409. */
  CONFLICT_EXCEPTION("ConflictException"),
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
  /** A version, alias or tagged resource that does not exist; the API adds {@code resourceName}. */
  RESOURCE_NOT_FOUND("ResourceNotFound"),
  SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException"),
  STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists"),
  STATE_MACHINE_DELETING("StateMachineDeleting"),
  STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
  TASK_DOES_NOT_EXIST("TaskDoesNotExist"),
  TASK_TIMED_OUT("TaskTimedOut"),
  /** More than 50 tags on one resource; the API adds {@code resourceName}. */
  TOO_MANY_TAGS("TooManyTags"),
  VALIDATION_EXCEPTION("ValidationException");

  private final String awsName;

  ApiError(String awsName) {
    this.awsName = awsName;
  }

  public String awsName() {
    return awsName;
  }

  /** The error of an AWS name, as a reply or a refusal on a topic carries it. */
  public static java.util.Optional<ApiError> named(String awsName) {
    for (var error : values()) {
      if (error.awsName.equals(awsName)) {
        return java.util.Optional.of(error);
      }
    }
    return java.util.Optional.empty();
  }
}
