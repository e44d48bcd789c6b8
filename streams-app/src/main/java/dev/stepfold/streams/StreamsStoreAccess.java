package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of this instance through Kafka Streams' interactive queries, one partition at a time (active tasks only):
 * the partition of an execution is that of its commands (the execution ARN is the key), so this instance reads it
 * only while it owns it.
 */
final class StreamsStoreAccess implements StoreAccess {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final String commandsTopic;

  StreamsStoreAccess(KafkaStreams streams, HostInfo self, String commandsTopic) {
    this.streams = streams;
    this.self = self;
    this.commandsTopic = commandsTopic;
  }

  /** Where the execution's stores are now; {@link StoreUnavailable} while that is not known. */
  static KeyQueryMetadata owner(KafkaStreams streams, ExecutionArn executionArn) {
    return owner(streams, executionArn.value());
  }

  /** Where the stores of a key of the commands topic are now. */
  static KeyQueryMetadata owner(KafkaStreams streams, String key) {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(StepfoldTopology.EXECUTIONS_STORE, key, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new StoreUnavailable("Kafka Streams is " + streams.state() + ": " + e.getMessage(), e);
    }
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost() == null) {
      throw new StoreUnavailable("No instance owns " + key + " now (Kafka Streams is " + streams.state() + ")");
    }
    return metadata;
  }

  @Override
  public ReadOnlyKeyValueStore<String, byte[]> forExecution(String storeName, ExecutionArn executionArn) {
    return forKey(storeName, executionArn.value());
  }

  @Override
  public ReadOnlyKeyValueStore<String, byte[]> forKey(String storeName, String key) {
    var owner = owner(streams, key);
    if (!owner.activeHost().equals(self)) {
      throw new StoreUnavailable(key + " is owned by " + owner.activeHost() + ", not by " + self);
    }
    return store(storeName, owner.partition());
  }

  @Override
  public Map<Integer, ReadOnlyKeyValueStore<String, byte[]>> ownPartitions(String storeName) {
    var stores = new TreeMap<Integer, ReadOnlyKeyValueStore<String, byte[]>>();
    for (var thread : streams.metadataForLocalThreads()) {
      for (var task : thread.activeTasks()) {
        for (var partition : task.topicPartitions()) {
          if (partition.topic().equals(commandsTopic)) {
            stores.put(partition.partition(), store(storeName, partition.partition()));
          }
        }
      }
    }
    return stores;
  }

  private ReadOnlyKeyValueStore<String, byte[]> store(String storeName, int partition) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, byte[]>keyValueStore())
          .withPartition(partition));
    } catch (InvalidStateStoreException e) {
      throw new StoreUnavailable("The " + storeName + " store of partition " + partition + " cannot be read now: " + e.getMessage(), e);
    }
  }
}
