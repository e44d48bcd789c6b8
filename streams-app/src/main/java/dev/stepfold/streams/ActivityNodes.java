package dev.stepfold.streams;

import dev.stepfold.engine.ActivityDirectory;
import dev.stepfold.schemas.ActivityRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The nodes of {@link StepfoldTopology} for activities, which the execution processor handles next to executions (see
 * {@link ActivityCommands}):
 * <ul>
 *   <li>{@code activities}: each activity, on the task that owns its ARN, where creates and deletes are decided;
 *   <li>{@code activity-tasks}, {@code activity-task-tokens}, {@code activity-polls}: its queue of waiting tasks and its
 *       waiting polls, on the same task ({@link ActivityQueue});
 *   <li>{@code activity-directory}: the global store every task reads the activities from, fed by
 *       {@code stepfold.activities}; the engine asks it whether an activity exists ({@link Directory});
 *   <li>a sink to {@code stepfold.activities}. Tasks go to an activity's key through the commands sink of
 *       {@link StateMachineAndMapRunNodes}.
 * </ul>
 */
final class ActivityNodes {
  static final String ACTIVITIES_STORE = "activities";
  static final String ACTIVITY_TASKS_STORE = "activity-tasks";
  static final String ACTIVITY_TASK_TOKENS_STORE = "activity-task-tokens";
  static final String ACTIVITY_POLLS_STORE = "activity-polls";
  static final String ACTIVITY_DIRECTORY_STORE = "activity-directory";
  static final String ACTIVITIES_SOURCE = "activities-source";
  static final String ACTIVITIES_LOADER = "activities-loader";
  static final String ACTIVITIES_SINK = "activities-sink";

  private ActivityNodes() {}

  /** Adds the nodes; {@code directory} is bound to the global store when the store is initialised, before any task runs. */
  static void addTo(Topology topology, Topics topics, String processor, Directory directory) {
    var activities = topics.activities();
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITIES_STORE), Serdes.String(), activities.valueSerde()),
        processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_TASKS_STORE), Serdes.String(), Serdes.ByteArray()),
        processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_TASK_TOKENS_STORE), Serdes.String(), Serdes.String()),
        processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_POLLS_STORE), Serdes.String(), Serdes.ByteArray()),
        processor);
    // A global store is restored from its topic as it is, so it keeps the topic's serdes and no changelog of its own.
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_DIRECTORY_STORE), Serdes.String(), activities.valueSerde())
            .withLoggingDisabled(),
        ACTIVITIES_SOURCE, Serdes.String().deserializer(), activities.valueSerde().deserializer(), activities.name(),
        ACTIVITIES_LOADER, () -> new Loader(directory));
    topology.addSink(ACTIVITIES_SINK, activities.name(), Serdes.String().serializer(), StepfoldTopology.untyped(activities.valueSerde().serializer()),
        processor);
  }

  /**
   * The activities that exist, as the engine asks ({@link ActivityDirectory}): the global store, which every task of the
   * instance shares. It follows {@code stepfold.activities} a little behind the task that created or deleted an
   * activity, as the state machines' global store does.
   */
  static final class Directory implements ActivityDirectory {
    private volatile KeyValueStore<String, ActivityRecord> store;

    @Override
    public boolean exists(String activityArn) {
      var bound = store;
      if (bound == null) {
        throw new IllegalStateException("Expected the activity directory to be bound to its global store, but it is not yet");
      }
      return bound.get(activityArn) != null;
    }

    void bind(KeyValueStore<String, ActivityRecord> store) {
      this.store = store;
    }
  }

  /** Keeps the global store equal to its topic, and binds the directory to it. */
  private static final class Loader implements Processor<String, ActivityRecord, Void, Void> {
    private final Directory directory;
    private KeyValueStore<String, ActivityRecord> store;

    Loader(Directory directory) {
      this.directory = directory;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(ACTIVITY_DIRECTORY_STORE);
      directory.bind(store);
    }

    @Override
    public void process(Record<String, ActivityRecord> record) {
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
