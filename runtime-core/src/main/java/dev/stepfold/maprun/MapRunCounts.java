package dev.stepfold.maprun;

/**
 * How many items (and child executions: one per item or batch) of a map run are in each status, as DescribeMapRun's
 * {@code itemCounts} and {@code executionCounts} report them (R53). {@code failuresNotRedrivable} are failed children
 * that their own rules kept from being redriven (R46), counted in {@code failed} too; {@code pendingRedrive} are
 * children a redrive will rerun once the concurrency allows (R49).
 */
public record MapRunCounts(
    long pending, long running, long succeeded, long failed, long timedOut, long aborted, long total, long failuresNotRedrivable,
    long pendingRedrive) {
  public MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted, long total) {
    this(pending, running, succeeded, failed, timedOut, aborted, total, 0, 0);
  }

  /** The children that did not succeed. */
  public long failures() {
    return failed + timedOut + aborted;
  }

  /** The counts after one child moved from one status to another. */
  MapRunCounts moved(MapRun.ChildStatus from, MapRun.ChildStatus to) {
    return add(from, -1).add(to, 1);
  }

  MapRunCounts withFailuresNotRedrivable(long count) {
    return new MapRunCounts(pending, running, succeeded, failed, timedOut, aborted, total, count, pendingRedrive);
  }

  private MapRunCounts add(MapRun.ChildStatus status, long delta) {
    return switch (status) {
      case PENDING -> new MapRunCounts(pending + delta, running, succeeded, failed, timedOut, aborted, total, failuresNotRedrivable, pendingRedrive);
      case RUNNING -> new MapRunCounts(pending, running + delta, succeeded, failed, timedOut, aborted, total, failuresNotRedrivable, pendingRedrive);
      case SUCCEEDED -> new MapRunCounts(pending, running, succeeded + delta, failed, timedOut, aborted, total, failuresNotRedrivable, pendingRedrive);
      case FAILED -> new MapRunCounts(pending, running, succeeded, failed + delta, timedOut, aborted, total, failuresNotRedrivable, pendingRedrive);
      case TIMED_OUT -> new MapRunCounts(pending, running, succeeded, failed, timedOut + delta, aborted, total, failuresNotRedrivable, pendingRedrive);
      case ABORTED -> new MapRunCounts(pending, running, succeeded, failed, timedOut, aborted + delta, total, failuresNotRedrivable, pendingRedrive);
      case PENDING_REDRIVE -> new MapRunCounts(pending, running, succeeded, failed, timedOut, aborted, total, failuresNotRedrivable,
          pendingRedrive + delta);
    };
  }
}
