package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.history.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the history store, keyed by {@link ExecutionKeys#historyKey} (execution, then event id): an execution's
 * history, or a page of it, is one range scan. The store follows the history topic ({@link HistoryStoreUpdater}).
 */
final class HistoryStore {
  /** Stored events in the order asked for, and the id to go on from when there are more. */
  record StoredPage(List<byte[]> events, OptionalLong nextEventId) {}

  private final ReadOnlyKeyValueStore<String, byte[]> history;
  private final AvroCodec codec;

  HistoryStore(ReadOnlyKeyValueStore<String, byte[]> history, AvroCodec codec) {
    this.history = history;
    this.codec = codec;
  }

  /** The execution's history, oldest first. */
  List<HistoryEvent> events(ExecutionArn executionArn) {
    var events = new ArrayList<HistoryEvent>();
    try (var range = history.range(ExecutionKeys.firstHistoryKey(executionArn), ExecutionKeys.lastHistoryKey(executionArn))) {
      range.forEachRemaining(entry -> events.add(StoreValues.event(codec, entry.key, entry.value)));
    }
    return events;
  }

  /** Whether the store holds event {@code eventId} of the execution (0: nothing to wait for). */
  boolean holds(ExecutionArn executionArn, long eventId) {
    return eventId == 0 || history.get(ExecutionKeys.historyKey(executionArn, eventId)) != null;
  }

  /**
   * At most {@code max} events from event {@code fromEventId} on (inclusive), oldest first, or from it back when
   * {@code reverse}; {@code fromEventId} 0 starts at the first event, or at the last when {@code reverse}.
   */
  StoredPage page(ExecutionArn executionArn, long fromEventId, int max, boolean reverse) {
    var first = ExecutionKeys.firstHistoryKey(executionArn);
    var last = ExecutionKeys.lastHistoryKey(executionArn);
    var from = fromEventId == 0 ? null : ExecutionKeys.historyKey(executionArn, fromEventId);
    var events = new ArrayList<byte[]>();
    var range = reverse ? history.reverseRange(first, from == null ? last : from) : history.range(from == null ? first : from, last);
    try (range) {
      while (range.hasNext()) {
        var entry = range.next();
        if (events.size() == max) {
          return new StoredPage(events, OptionalLong.of(ExecutionKeys.eventIdOfHistoryKey(entry.key)));
        }
        events.add(entry.value);
      }
    }
    return new StoredPage(events, OptionalLong.empty());
  }
}
