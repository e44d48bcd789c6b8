package dev.stepfold.cli;

/** An error answer of the API: {@code {"__type": ..., "message": ...}}, with its HTTP status. */
final class ApiRefusal extends RuntimeException {
  private final String errorType;
  private final int status;

  ApiRefusal(String errorType, String message, int status) {
    super(message);
    this.errorType = errorType;
    this.status = status;
  }

  String errorType() {
    return errorType;
  }

  int status() {
    return status;
  }

  /** Whether it says that what the request named is not there (the exit code {@link ExitCodes#NOT_FOUND}). */
  boolean notFound() {
    return errorType.endsWith("DoesNotExist") || errorType.equals("ResourceNotFound");
  }

  /** Whether it says that stepfold is starting, rebalancing or had no reply in time: worth sending again. */
  boolean unavailable() {
    return errorType.equals("ServiceUnavailable");
  }

  /** The line a script reads on standard error. */
  String line() {
    return errorType + ": " + getMessage();
  }
}
