package dev.stepfold.streams;

import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.CommandRecord;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The nodes of {@link StepfoldTopology} for bulk redrive ({@link BulkRedrives}): the {@code bulk-redrives} store, and a
 * sink back to {@code stepfold.commands} that sends each shard to the partition it is for (the task of that partition
 * owns the executions the shard redrives) and everything else (part reports) by key, to the coordinator.
 */
final class BulkRedriveNodes {
  static final String BULK_REDRIVES_STORE = "bulk-redrives";
  static final String BULK_REDRIVE_COMMANDS_SINK = "bulk-redrive-commands-sink";

  private BulkRedriveNodes() {}

  static void addTo(Topology topology, Topics topics, String processor) {
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BULK_REDRIVES_STORE), Serdes.String(), Serdes.ByteArray()),
        processor);
    topology.addSink(BULK_REDRIVE_COMMANDS_SINK, topics.commands().name(), Serdes.String().serializer(),
        StepfoldTopology.untyped(topics.commands().valueSerde().serializer()), shardsToTheirPartition(), processor);
  }

  static StreamPartitioner<String, Object> shardsToTheirPartition() {
    return (topic, key, value, partitions) -> value instanceof CommandRecord command && command.getCommand() instanceof BulkRedriveShardCommand shard
        ? Optional.of(Set.of(shard.getPartition()))
        : Optional.empty();
  }
}
