package dev.stepfold.benchmarks.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the history topic says about the executions the driver started: each execution's start-to-finish time goes to
 * the recorder of the phase that started it, and its slot in the outstanding window is released.
 */
final class CompletionTracker {
  private static final Set<String> CLOSING_EVENTS = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut");

  private record Started(long nanos, LatencyRecorder phase) {}

  private final Map<String, Started> open = new ConcurrentHashMap<>();
  private final Semaphore outstanding;
  private final AtomicLong historyEvents = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong unsuccessful = new AtomicLong();

  CompletionTracker(int maxOutstanding) {
    this.outstanding = new Semaphore(maxOutstanding);
  }

  /** Blocks until the window has room for one more execution. */
  void acquire() throws InterruptedException {
    outstanding.acquire();
  }

  void started(String executionArn, long nanos, LatencyRecorder phase) {
    open.put(executionArn, new Started(nanos, phase));
  }

  /** Stops waiting for {@code executionArn}, which will not end (its start was refused). */
  void abandon(String executionArn) {
    if (open.remove(executionArn) != null) {
      outstanding.release();
    }
  }

  /** One history event of {@code executionArn}, seen at {@code nanos}. */
  void event(String executionArn, String type, long nanos) {
    historyEvents.incrementAndGet();
    if (!CLOSING_EVENTS.contains(type)) {
      return;
    }
    var started = open.remove(executionArn);
    if (started == null) {
      return;
    }
    started.phase().record(nanos - started.nanos());
    (type.equals("ExecutionSucceeded") ? succeeded : unsuccessful).incrementAndGet();
    outstanding.release();
  }

  long historyEvents() {
    return historyEvents.get();
  }

  long succeeded() {
    return succeeded.get();
  }

  long unsuccessful() {
    return unsuccessful.get();
  }

  int open() {
    return open.size();
  }
}
