package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.schemas.HistoryEventRecord;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * How a record of the history topic becomes entries of the history store, the same way while the store follows the
 * topic ({@link HistoryStoreUpdater}) and while it is restored from it ({@link HistoryTopicStore}): an event (key the
 * execution ARN, value the event in the topic's wire format) is stored under {@link ExecutionKeys#historyKey} as
 * {@link StoreValues#event}. The first event of an execution starts its history afresh (an EXPRESS child of a map run
 * runs again under its ARN, R47); a tombstone (no value) deletes the execution's history.
 */
final class HistoryEntries {
  /** What one record of the history topic does to the store. */
  sealed interface Change {
    String executionArn();
  }

  /** Store the event under {@code key}; {@code replacesHistory} when it is the first of a run, which replaces any before. */
  record Append(String executionArn, String key, byte[] value, boolean replacesHistory) implements Change {}

  /** Delete every event of the execution. */
  record Delete(String executionArn) implements Change {}

  private final String topic;
  private final Deserializer<HistoryEventRecord> events;

  HistoryEntries(String topic, Deserializer<HistoryEventRecord> events) {
    this.topic = topic;
    this.events = events;
  }

  Change of(String executionArn, byte[] value) {
    Objects.requireNonNull(executionArn, "Expected a history record keyed by its execution ARN, but the key is null");
    if (value == null) {
      return new Delete(executionArn);
    }
    var event = events.deserialize(topic, value);
    return new Append(executionArn, ExecutionKeys.historyKey(new ExecutionArn(executionArn), event.getId()), StoreValues.event(event),
        event.getId() == 1);
  }

  static String firstKey(String executionArn) {
    return ExecutionKeys.firstHistoryKey(new ExecutionArn(executionArn));
  }

  static String lastKey(String executionArn) {
    return ExecutionKeys.lastHistoryKey(new ExecutionArn(executionArn));
  }
}
