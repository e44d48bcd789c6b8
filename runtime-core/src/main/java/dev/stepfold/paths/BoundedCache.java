package dev.stepfold.paths;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent memo of compiled expressions. Definitions hold few distinct paths, so when the bound is reached the
 * cache is simply emptied: cheaper on the hot path than tracking recency, and it cannot grow without limit.
 */
final class BoundedCache<K, V> {
  private final int maxEntries;
  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

  BoundedCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  V get(K key, Function<? super K, ? extends V> compute) {
    V cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    return entries.computeIfAbsent(key, compute);
  }
}
