package dev.stepfold.maprun;

/**
 * How many items (and child executions: one per item or batch) of a map run are in each status, as DescribeMapRun's
 * {@code itemCounts} and {@code executionCounts} report them.
 */
public record MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted, long total) {
  /** The children that did not succeed, as the tolerated failure threshold counts them. */
  public long failures() {
    return failed + timedOut + aborted;
  }
}
