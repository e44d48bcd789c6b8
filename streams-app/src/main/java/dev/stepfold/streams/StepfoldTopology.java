package dev.stepfold.streams;

import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ActivityDirectory;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.tasks.TaskRouting;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * stepfold's topology, every node named here. One sub-topology: commands (keyed by execution ARN) → the command router
 * → the execution processor, which owns the executions, execution-index, timers and timer-index stores (RocksDB,
 * changelogged; {@link ExecutionStore} says what the first two hold) → history, tasks (those a route gives to the server's runners on their own topic, {@link TaskRouting}), replies and dead letters. The
 * history store is built from the history topic itself and has no changelog ({@link HistoryTopicStore}, kept by
 * {@link HistoryStoreUpdater}); it belongs to the same sub-topology, so partition p of the commands and of the history
 * topic are one task (the two topics have the same number of partitions). Everything one command causes is written in the task that owns its key, so with {@code exactly_once_v2}
 * its events, stores, tasks and reply commit together; due timers fire in the same task.
 *
 * <p>The command router ({@link CommandRouter}) sends each command to the task that owns its key, whatever partition
 * its producer chose (librdkafka clients, kcat among them, partition by CRC32 by default): a record in another
 * partition than its key's ({@link KeyPartitioning}: murmur2, as the Java producer and interactive queries have it) is
 * forwarded unchanged, in the same transaction, through the forwarded-commands sink into the partition of its key, and
 * processed there once. The others, and bulk redrive shards (sent to a partition, not a key), go straight on.
 *
 * <p>Commands are read as bytes and decoded by the processor, so that a record that does not read becomes a dead letter
 * in the same transaction instead of an error before the processor.
 *
 * <p>The same processor handles state machines and map runs, each keyed by its own ARN on the commands topic; their
 * stores, the global store of definitions and their sinks are added by {@link StateMachineAndMapRunNodes}; bulk
 * redrives, also keyed by their state machine's ARN, by {@link BulkRedriveNodes}; activities, keyed by their activity ARNs, their queues and the global store the engine
 * asks whether an activity exists, by {@link ActivityNodes}; the store of what is deleted when ({@link Retention}) by
 * {@link RetentionNodes}.
 */
public final class StepfoldTopology {
  public static final String COMMANDS_SOURCE = "commands-source";
  public static final String COMMAND_ROUTER = "command-router";
  public static final String FORWARDED_COMMANDS_SINK = "forwarded-commands-sink";
  public static final String EXECUTION_PROCESSOR = "execution-processor";
  public static final String EXECUTIONS_STORE = "executions";
  public static final String HISTORY_STORE = "history";
  public static final String HISTORY_SOURCE = "history-source";
  public static final String HISTORY_STORE_UPDATER = "history-store-updater";
  public static final String EXECUTION_INDEX_STORE = "execution-index";
  public static final String TIMERS_STORE = "timers";
  public static final String TIMER_INDEX_STORE = "timer-index";
  public static final String HISTORY_SINK = "history-sink";
  public static final String HISTORY_JSON_SINK = "history-json-sink";
  public static final String TASKS_SINK = "tasks-sink";
  public static final String RUNNER_TASKS_SINK = "runner-tasks-sink";
  public static final String REPLIES_SINK = "replies-sink";
  public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

  private StepfoldTopology() {}

  /** The topology with the engine, which asks the activities' global store whether an activity exists. */
  public static Topology build(Topics topics, StepfoldConfig config) {
    return engineAsking(topics, config, StepfoldDecider::new);
  }

  /** The topology with an engine made for the activities' global store, which it asks whether an activity exists. */
  static Topology engineAsking(Topics topics, StepfoldConfig config, Function<ActivityDirectory, ExecutionDecider> deciders) {
    return build(topics, config, deciders, ProcessingObserver.NONE);
  }

  /** The same, its work told to {@code observer} (metrics). */
  static Topology engineAsking(Topics topics, StepfoldConfig config, Function<ActivityDirectory, ExecutionDecider> deciders,
      ProcessingObserver observer) {
    return build(topics, config, deciders, observer);
  }

  /** The topology with another engine, one per task, which does not ask about activities. */
  static Topology build(Topics topics, StepfoldConfig config, Supplier<ExecutionDecider> deciders) {
    return build(topics, config, activities -> deciders.get(), ProcessingObserver.NONE);
  }

  private static Topology build(Topics topics, StepfoldConfig config, Function<ActivityDirectory, ExecutionDecider> deciders,
      ProcessingObserver observer) {
    var activities = new ActivityNodes.Directory();
    var codec = AvroCodec.parsingDefinitions();
    var taskRouting = TaskRouting.of(config);   // a wrong route stops the start here, named
    var decoder = new CommandDecoder(topics.commands().valueSerde().deserializer());
    var topology = new Topology(config.topologyConfig());
    topology.addSource(COMMANDS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.commands().name());
    topology.addProcessor(COMMAND_ROUTER, () -> new CommandRouter(decoder, config.partitions(Topics.COMMANDS), observer), COMMANDS_SOURCE);
    topology.addSink(FORWARDED_COMMANDS_SINK, topics.commands().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
        KeyPartitioning.byKey(), COMMAND_ROUTER);
    topology.addProcessor(EXECUTION_PROCESSOR, () -> new ExecutionProcessor(deciders.apply(activities), codec, decoder, config, observer, taskRouting), COMMAND_ROUTER);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXECUTIONS_STORE), Serdes.String(), Serdes.ByteArray()),
        EXECUTION_PROCESSOR);
    var historyEntries = new HistoryEntries(topics.history().name(), topics.history().valueSerde().deserializer());
    topology.addReadOnlyStateStore(HistoryTopicStore.builder(HISTORY_STORE, historyEntries), HISTORY_SOURCE, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), topics.history().name(), HISTORY_STORE_UPDATER, () -> new HistoryStoreUpdater(historyEntries));
    topology.connectProcessorAndStateStores(EXECUTION_PROCESSOR, HISTORY_STORE);   // one task per partition holds both: reads stay where they were
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXECUTION_INDEX_STORE), Serdes.String(), Serdes.ByteArray()),
        EXECUTION_PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.String(), Serdes.String()),
        EXECUTION_PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_INDEX_STORE), Serdes.String(), Serdes.Long()),
        EXECUTION_PROCESSOR);
    topology.addSink(HISTORY_SINK, topics.history().name(), Serdes.String().serializer(), untyped(topics.history().valueSerde().serializer()),
        EXECUTION_PROCESSOR);
    if (config.historyJson()) {
      topology.addSink(HISTORY_JSON_SINK, topics.historyJson().name(), Serdes.String().serializer(), untyped(Serdes.String().serializer()),
          EXECUTION_PROCESSOR);
    }
    topology.addSink(TASKS_SINK, topics.tasks().name(), Serdes.String().serializer(), untyped(topics.tasks().valueSerde().serializer()),
        EXECUTION_PROCESSOR);
    topology.addSink(RUNNER_TASKS_SINK, topics.runnerTasks().name(), Serdes.String().serializer(), untyped(topics.runnerTasks().valueSerde().serializer()),
        EXECUTION_PROCESSOR);
    topology.addSink(REPLIES_SINK, topics.replies().name(), Serdes.String().serializer(), untyped(topics.replies().valueSerde().serializer()),
        EXECUTION_PROCESSOR);
    topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters().name(), Serdes.String().serializer(), untyped(topics.deadLetters().valueSerde().serializer()),
        EXECUTION_PROCESSOR);
    StateMachineAndMapRunNodes.addTo(topology, topics, EXECUTION_PROCESSOR);
    BulkRedriveNodes.addTo(topology, topics, EXECUTION_PROCESSOR);
    ActivityNodes.addTo(topology, topics, EXECUTION_PROCESSOR, activities);
    RetentionNodes.addTo(topology, EXECUTION_PROCESSOR);
    return topology;
  }

  /** A sink serializer for the processor's {@code Object} output: each sink only ever gets its own record type. */
  @SuppressWarnings("unchecked")
  static <V> Serializer<Object> untyped(Serializer<V> serializer) {
    return (Serializer<Object>) serializer;
  }
}
