package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TimerChange;
import dev.stepfold.engine.TimerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers of the executions of one task: the timers store, keyed by {@link TimerKeys#timerKey} (due-time order) with
 * the timer id as value, and its index, keyed by {@link TimerKeys#indexKey} with the due time, so that setting a timer
 * again moves it and cancelling it finds it.
 */
final class TimerStore {
  /** A timer that is due. */
  record DueTimer(ExecutionArn executionArn, TimerId timerId, Instant due) {}

  private final KeyValueStore<String, String> timers;
  private final KeyValueStore<String, Long> index;

  TimerStore(KeyValueStore<String, String> timers, KeyValueStore<String, Long> index) {
    this.timers = timers;
    this.index = index;
  }

  void apply(ExecutionArn executionArn, List<TimerChange> changes) {
    for (var change : changes) {
      remove(executionArn, change.timerId());
      if (change instanceof TimerChange.Set set) {
        timers.put(TimerKeys.timerKey(set.due(), executionArn, set.timerId()), set.timerId().value());
        index.put(TimerKeys.indexKey(executionArn, set.timerId()), set.due().toEpochMilli());
      }
    }
  }

  /** Removes the timer, if it is set. */
  void remove(ExecutionArn executionArn, TimerId timerId) {
    var indexKey = TimerKeys.indexKey(executionArn, timerId);
    var due = index.get(indexKey);
    if (due != null) {
      timers.delete(TimerKeys.timerKey(Instant.ofEpochMilli(due), executionArn, timerId));
      index.delete(indexKey);
    }
  }

  /**
   * Removes every timer of the execution that is set (a closed execution may have left some, which would fire and be
   * ignored); returns how many entries it deleted.
   */
  int removeAll(ExecutionArn executionArn) {
    var prefix = executionArn.value() + "/";
    var timerIds = new ArrayList<TimerId>();
    try (var range = index.prefixScan(prefix, new StringSerializer())) {
      range.forEachRemaining(entry -> timerIds.add(new TimerId(entry.key.substring(prefix.length()))));
    }
    timerIds.forEach(timerId -> remove(executionArn, timerId));
    return 2 * timerIds.size();
  }

  /** The timers due at {@code now} or earlier, earliest first, at most {@code max}. */
  List<DueTimer> due(Instant now, int max) {
    var due = new ArrayList<DueTimer>();
    try (var all = timers.all()) {
      while (all.hasNext() && due.size() < max) {
        var entry = all.next();
        var at = TimerKeys.due(entry.key);
        if (at.isAfter(now)) {
          break;
        }
        var timerId = new TimerId(entry.value);
        due.add(new DueTimer(TimerKeys.executionArn(entry.key, timerId), timerId, at));
      }
    }
    return due;
  }

  /** Every timer that is set, earliest first. */
  List<DueTimer> all() {
    var all = new ArrayList<DueTimer>();
    try (var iterator = timers.all()) {
      iterator.forEachRemaining(entry -> {
        var timerId = new TimerId(entry.value);
        all.add(new DueTimer(TimerKeys.executionArn(entry.key, timerId), timerId, TimerKeys.due(entry.key)));
      });
    }
    return all;
  }
}
