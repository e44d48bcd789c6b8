package dev.stepfold.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The node of {@link StepfoldTopology} for retention ({@link Retention}): the {@code retention} store (changelogged),
 * where the execution processor's task keeps what it deletes when ({@link RetentionStore}).
 */
final class RetentionNodes {
  static final String RETENTION_STORE = "retention";

  private RetentionNodes() {}

  static void addTo(Topology topology, String processor) {
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETENTION_STORE), Serdes.String(), Serdes.Long()),
        processor);
  }
}
