package dev.stepfold.cli;

/** No answer from the API's endpoint: nothing listens there, the connection broke, or the answer did not come in time. */
final class ApiUnreachable extends RuntimeException {
  ApiUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
