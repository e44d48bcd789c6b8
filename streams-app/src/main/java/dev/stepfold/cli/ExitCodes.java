package dev.stepfold.cli;

/** What the commands that talk to a running stepfold exit with. */
final class ExitCodes {
  /** The command was accepted (a redrive made, a report received), or the plan shows a redrivable execution. */
  static final int ACCEPTED = 0;
  /** Refused: an AWS error (ExecutionNotRedrivable, ExecutionDoesNotExist, ...), or not confirmed. */
  static final int REFUSED = 1;
  /** A usage error, or stepfold could not be reached or did not answer in time. */
  static final int PROBLEM = 2;

  private ExitCodes() {}
}
