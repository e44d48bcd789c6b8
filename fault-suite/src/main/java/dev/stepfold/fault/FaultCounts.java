package dev.stepfold.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many faults of each kind the suite injected. */
final class FaultCounts {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void count(String kind) {
    counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  void add(String kind, int count) {
    counts.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(count);
  }

  Map<String, Integer> byKind() {
    var copy = new TreeMap<String, Integer>();
    counts.forEach((kind, count) -> copy.put(kind, count.get()));
    return copy;
  }
}
