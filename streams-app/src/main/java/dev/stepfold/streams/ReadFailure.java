package dev.stepfold.streams;

import dev.stepfold.error.ApiError;

/** A read that is answered with an AWS error: {@code errorType} is its {@code __type} name on the wire. */
public final class ReadFailure extends RuntimeException {
  /** AWS's common error for a service that cannot answer now; clients retry it. */
  public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

  private final String errorType;

  public ReadFailure(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }

  static ReadFailure of(ApiError error, String message) {
    return new ReadFailure(error.awsName(), message);
  }

  static ReadFailure executionDoesNotExist(String executionArn) {
    return of(ApiError.EXECUTION_DOES_NOT_EXIST, "Execution Does Not Exist: '" + executionArn + "'");
  }

  static ReadFailure resourceNotFound(String arn) {
    return of(ApiError.RESOURCE_NOT_FOUND, "Resource not found: '" + arn + "'");
  }

  static ReadFailure invalidToken(String token) {
    return of(ApiError.INVALID_TOKEN, "Invalid Token: '" + token + "'");
  }

  static ReadFailure validation(String member, Object value, String constraint) {
    return of(ApiError.VALIDATION_EXCEPTION,
        "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
  }
}
