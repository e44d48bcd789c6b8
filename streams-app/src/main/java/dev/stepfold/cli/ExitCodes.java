package dev.stepfold.cli;

/**
 * What the commands that talk to a running stepfold exit with, for scripts: every code but 0 comes with one line on
 * standard error that says why ({@code <AwsErrorType>: <message>} for an answer of the API).
 */
final class ExitCodes {
  /** Done: the operation answered (an execution started, a redrive made, a report received), or a plan shows a redrivable execution. */
  static final int OK = 0;
  /** Refused: an error answer of the API (ExecutionNotRedrivable, ExecutionAlreadyExists, ValidationException, ...), or not confirmed. */
  static final int REFUSED = 1;
  /** A usage error: an unknown option, a malformed ARN, a file that does not read. */
  static final int USAGE = 2;
  /** What was named does not exist: ExecutionDoesNotExist, StateMachineDoesNotExist, ResourceNotFound, ... */
  static final int NOT_FOUND = 3;
  /** stepfold could not be reached, is not ready yet (ServiceUnavailable), or did not answer in time. */
  static final int UNREACHABLE = 4;

  private ExitCodes() {}
}
