package dev.stepfold.streams;

import java.util.ArrayList;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the history store up to date with the history topic, its only source: each event the processor wrote, once its
 * transaction committed, becomes an entry ({@link HistoryEntries}). The store has no changelog of its own; it is
 * restored from the history topic ({@link HistoryTopicStore}).
 */
final class HistoryStoreUpdater implements Processor<String, byte[], Void, Void> {
  private final HistoryEntries entries;
  private KeyValueStore<String, byte[]> history;

  HistoryStoreUpdater(HistoryEntries entries) {
    this.entries = entries;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    history = context.getStateStore(StepfoldTopology.HISTORY_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    var change = entries.of(record.key(), record.value());
    if (change instanceof HistoryEntries.Append append) {
      if (append.replacesHistory() && history.get(append.key()) != null) {   // a point read: an execution's first run has nothing to replace
        deleteHistory(append.executionArn());
      }
      history.put(append.key(), append.value());
    } else {
      deleteHistory(change.executionArn());
    }
  }

  /** Deletes every event of the execution. Also what retention calls for an execution it removes. */
  static void deleteHistory(KeyValueStore<String, byte[]> history, String executionArn) {
    var keys = new ArrayList<String>();
    try (var range = history.range(HistoryEntries.firstKey(executionArn), HistoryEntries.lastKey(executionArn))) {
      range.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(history::delete);
  }

  private void deleteHistory(String executionArn) {
    deleteHistory(history, executionArn);
  }
}
