package dev.stepfold.streams;

import dev.stepfold.schemas.CheckStateMachineExecutionsCommand;
import dev.stepfold.schemas.CommandRecord;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The nodes of {@link StepfoldTopology} for state machines and map runs, which the execution processor handles next to
 * executions (see {@link StateMachineCommands} and {@link MapRunCommands} for why):
 * <ul>
 *   <li>{@code state-machine-revisions}: each state machine's current revision, on the task that owns its ARN;
 *   <li>{@code state-machines}: the global store every task reads definitions from, fed by {@code stepfold.state-machines};
 *   <li>{@code map-runs}: the events of each map run, on the task that owns its ARN;
 *   <li>{@code state-machine-deletions}: the deleted state machines whose executions a partition still waits for;
 *   <li>a sink to {@code stepfold.state-machines}, and one back to {@code stepfold.commands} for what an execution, a
 *       child or a map run tells another entity (map run starts, child starts and stops, child ends, map run ends);
 *   <li>a sink back to {@code stepfold.commands} that sends a deleted state machine's CheckStateMachineExecutions to
 *       the partition it names.
 * </ul>
 */
final class StateMachineAndMapRunNodes {
  static final String STATE_MACHINE_REVISIONS_STORE = "state-machine-revisions";
  static final String STATE_MACHINES_STORE = "state-machines";
  static final String STATE_MACHINES_SOURCE = "state-machines-source";
  static final String STATE_MACHINES_LOADER = "state-machines-loader";
  static final String MAP_RUNS_STORE = "map-runs";
  static final String STATE_MACHINES_SINK = "state-machines-sink";
  static final String STATE_MACHINE_DELETIONS_STORE = "state-machine-deletions";
  static final String STATE_MACHINE_CHECKS_SINK = "state-machine-checks-sink";
  static final String COMMANDS_SINK = "commands-sink";

  private StateMachineAndMapRunNodes() {}

  static void addTo(Topology topology, Topics topics, String processor) {
    var stateMachines = topics.stateMachines();
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_MACHINE_REVISIONS_STORE), Serdes.String(),
        stateMachines.valueSerde()), processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MAP_RUNS_STORE), Serdes.String(), Serdes.ByteArray()),
        processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_MACHINE_DELETIONS_STORE), Serdes.String(),
        Serdes.String()), processor);
    // A global store is restored from its topic as it is, so it keeps the topic's serdes and no changelog of its own.
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_MACHINES_STORE), Serdes.String(), stateMachines.valueSerde())
            .withLoggingDisabled(),
        STATE_MACHINES_SOURCE, Serdes.String().deserializer(), stateMachines.valueSerde().deserializer(), stateMachines.name(),
        STATE_MACHINES_LOADER, () -> new Loader<>(STATE_MACHINES_STORE));
    topology.addSink(STATE_MACHINES_SINK, stateMachines.name(), Serdes.String().serializer(), untyped(stateMachines.valueSerde().serializer()),
        processor);
    topology.addSink(COMMANDS_SINK, topics.commands().name(), Serdes.String().serializer(), untyped(topics.commands().valueSerde().serializer()),
        processor);
    topology.addSink(STATE_MACHINE_CHECKS_SINK, topics.commands().name(), Serdes.String().serializer(),
        untyped(topics.commands().valueSerde().serializer()), checksToTheirPartition(), processor);
  }

  private static StreamPartitioner<String, Object> checksToTheirPartition() {
    return (topic, key, value, partitions) -> value instanceof CommandRecord command
        && command.getCommand() instanceof CheckStateMachineExecutionsCommand check
        ? Optional.of(Set.of(check.getPartition()))
        : Optional.empty();
  }

  /** Keeps a global store equal to its topic. */
  private static final class Loader<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private KeyValueStore<String, V> store;

    Loader(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> Serializer<Object> untyped(Serializer<V> serializer) {
    return (Serializer<Object>) serializer;
  }
}
