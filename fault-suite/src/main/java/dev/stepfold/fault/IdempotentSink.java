package dev.stepfold.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the suite's tasks apply their effect, keyed by task token, as a system that deduplicates by request does: the
 * effect of a task run again (a worker crashed after doing it, a task delivered twice) is applied once; how often it
 * was attempted is counted.
 */
public final class IdempotentSink {
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  /** Applies the effect of the task with this token; true the first time. */
  public boolean apply(String taskToken) {
    return attempts.computeIfAbsent(taskToken, token -> new AtomicInteger()).incrementAndGet() == 1;
  }

  public boolean applied(String taskToken) {
    return attempts.containsKey(taskToken);
  }

  /** The attempts beyond the first, over all tasks: the re-runs the sink absorbed. */
  public int absorbed() {
    return attempts.values().stream().mapToInt(count -> count.get() - 1).sum();
  }
}
