package dev.stepfold.streams;

import dev.stepfold.schemas.ActivityRecord;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.serde.AvroWireSerde;
import dev.stepfold.schemas.serde.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * stepfold's topics, each with its serdes. Keys are execution ARNs (strings) everywhere but on state-machines (the
 * state machine ARN, or a version's ARN) and activities (the activity ARN); values are Avro records in the Confluent
 * wire format. The commands topic also accepts JSON commands, which {@link CommandDecoder} tells apart by their first
 * byte. Names share a prefix so that several tenants can use one cluster.
 */
public record Topics(
    Topic<String, CommandRecord> commands,
    Topic<String, HistoryEventRecord> history,
    Topic<String, TaskDispatchRecord> tasks,
    Topic<String, TaskDispatchRecord> runnerTasks,
    Topic<String, ReplyRecord> replies,
    Topic<String, StateMachineRecord> stateMachines,
    Topic<String, byte[]> deadLetters,
    Topic<String, ActivityRecord> activities,
    Topic<String, String> historyJson) {

  /** The logical names, without prefix: the keys of per-topic configuration ({@code stepfold.topic.<name>.*}). */
  public static final String COMMANDS = "commands";
  public static final String HISTORY = "history";
  public static final String TASKS = "tasks";
  /** The tasks a route gives to the server's own runners ({@code dev.stepfold.tasks.TaskRouting}): no Kafka worker reads them. */
  public static final String RUNNER_TASKS = "tasks.runners";
  public static final String REPLIES = "replies";
  public static final String STATE_MACHINES = "state-machines";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String ACTIVITIES = "activities";
  /** The history as JSON, for tools without Avro: written only with {@link StepfoldConfig#HISTORY_JSON}. */
  public static final String HISTORY_JSON = "history-json";
  public static final List<String> LOGICAL_NAMES = List.of(COMMANDS, HISTORY, TASKS, RUNNER_TASKS, REPLIES, STATE_MACHINES, DEAD_LETTERS, ACTIVITIES,
      HISTORY_JSON);

  /** Settings every deployment gets unless configured otherwise: every version of a state machine, every activity, is kept. */
  public static final Map<String, Map<String, String>> DEFAULT_CONFIGS = Map.of(
      STATE_MACHINES, Map.of("cleanup.policy", "compact"),
      ACTIVITIES, Map.of("cleanup.policy", "compact"));

  /** The topics named {@code <prefix>stepfold.<logical name>}. */
  public static Topics create(String prefix, SchemaRegistryClient registry) {
    return new Topics(
        new Topic<>(name(prefix, COMMANDS), Serdes.String(), AvroWireSerde.forValues(registry, CommandRecord.getClassSchema())),
        new Topic<>(name(prefix, HISTORY), Serdes.String(), AvroWireSerde.forValues(registry, HistoryEventRecord.getClassSchema())),
        new Topic<>(name(prefix, TASKS), Serdes.String(), AvroWireSerde.forValues(registry, TaskDispatchRecord.getClassSchema())),
        new Topic<>(name(prefix, RUNNER_TASKS), Serdes.String(), AvroWireSerde.forValues(registry, TaskDispatchRecord.getClassSchema())),
        new Topic<>(name(prefix, REPLIES), Serdes.String(), AvroWireSerde.forValues(registry, ReplyRecord.getClassSchema())),
        new Topic<>(name(prefix, STATE_MACHINES), Serdes.String(), AvroWireSerde.forValues(registry, StateMachineRecord.getClassSchema())),
        new Topic<>(name(prefix, DEAD_LETTERS), Serdes.String(), Serdes.ByteArray()),
        new Topic<>(name(prefix, ACTIVITIES), Serdes.String(), AvroWireSerde.forValues(registry, ActivityRecord.getClassSchema())),
        new Topic<>(name(prefix, HISTORY_JSON), Serdes.String(), Serdes.String()));
  }

  public static String name(String prefix, String logicalName) {
    return prefix + "stepfold." + logicalName;
  }

  /** Every topic, with its logical name. */
  public Map<String, Topic<?, ?>> byLogicalName() {
    return Map.of(COMMANDS, commands, HISTORY, history, TASKS, tasks, RUNNER_TASKS, runnerTasks, REPLIES, replies, STATE_MACHINES,
        stateMachines, DEAD_LETTERS, deadLetters, ACTIVITIES, activities, HISTORY_JSON, historyJson);
  }
}
