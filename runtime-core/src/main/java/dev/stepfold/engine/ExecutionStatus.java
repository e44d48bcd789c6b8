package dev.stepfold.engine;

/** An execution's status, as DescribeExecution reports it; {@code NOT_STARTED} is the fold before {@code ExecutionStarted}. */
public enum ExecutionStatus {
  NOT_STARTED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE;

  public boolean isClosed() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == ABORTED;
  }
}
