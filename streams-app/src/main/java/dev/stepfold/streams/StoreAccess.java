package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** How the read side reaches the stores of this instance: those of one execution's partition, or of every partition it owns. */
interface StoreAccess {
  /** The store of the partition that holds the execution; {@link StoreUnavailable} when this instance does not own it now. */
  ReadOnlyKeyValueStore<String, byte[]> forExecution(String storeName, ExecutionArn executionArn);

  /** The store of the partition that holds a key of the commands topic (an execution's, a map run's ARN). */
  ReadOnlyKeyValueStore<String, byte[]> forKey(String storeName, String key);

  /** The store of each partition this instance owns, by partition. */
  Map<Integer, ReadOnlyKeyValueStore<String, byte[]>> ownPartitions(String storeName);
}
