package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology in a {@link TopologyTestDriver}, exactly once, with its state under a test's own directory. What
 * the processor writes back to the commands topic (map run starts, child starts and ends) and to the state-machines
 * topic (the global store) is processed by the driver before {@link #send} returns.
 */
final class TopologyHarness implements AutoCloseable {

  final AvroCodec codec = AvroCodec.parsingDefinitions();
  final Topics topics = Topics.create("", new InMemorySchemaRegistry());
  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> commands;
  final TestOutputTopic<String, HistoryEventRecord> history;
  final TestOutputTopic<String, TaskDispatchRecord> tasks;
  final TestOutputTopic<String, ReplyRecord> replies;
  final TestOutputTopic<String, StateMachineRecord> stateMachines;
  final TestOutputTopic<String, CommandRecord> internalCommands;
  final TestOutputTopic<String, byte[]> deadLetters;
  private final List<TestRecord<String, HistoryEventRecord>> historySeen = new ArrayList<>();

  TopologyHarness(Path stateDirectory, Instant start) {
    this(stateDirectory, start, 1);
  }

  /**
   * The driver runs one task, that of partition 0, so the topology is usually told the commands topic has one
   * partition (a bulk redrive sends a shard to each, and the command router forwards a command to the partition of its
   * key); with more, what the router forwards comes back to partition 0 (the driver knows no other).
   */
  TopologyHarness(Path stateDirectory, Instant start, int commandPartitions) {
    this(stateDirectory, start, commandPartitions, (topics, config) -> StepfoldTopology.build(topics, config, StepfoldDecider::new));
  }

  /** The topology with {@code engine} as its engine. */
  static TopologyHarness withEngine(Path stateDirectory, Instant start, ExecutionDecider engine) {
    return new TopologyHarness(stateDirectory, start, 1, (topics, config) -> StepfoldTopology.build(topics, config, () -> engine));
  }

  /** The topology as the runtime builds it: its engine asks the directory of activities whether an activity exists. */
  static TopologyHarness asTheRuntimeBuildsIt(Path stateDirectory, Instant start) {
    return new TopologyHarness(stateDirectory, start, 1, StepfoldTopology::build);
  }

  private TopologyHarness(Path stateDirectory, Instant start, int commandPartitions, BiFunction<Topics, StepfoldConfig, Topology> topology) {
    var properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
    driver = new TopologyTestDriver(topology.apply(topics,
        StepfoldConfig.of(Map.of(StepfoldConfig.partitionsKey(Topics.COMMANDS), Integer.toString(commandPartitions)))), properties, start);
    commands = driver.createInputTopic(topics.commands().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    history = driver.createOutputTopic(topics.history().name(), Serdes.String().deserializer(), topics.history().valueSerde().deserializer());
    tasks = driver.createOutputTopic(topics.tasks().name(), Serdes.String().deserializer(), topics.tasks().valueSerde().deserializer());
    replies = driver.createOutputTopic(topics.replies().name(), Serdes.String().deserializer(), topics.replies().valueSerde().deserializer());
    stateMachines = driver.createOutputTopic(topics.stateMachines().name(), Serdes.String().deserializer(),
        topics.stateMachines().valueSerde().deserializer());
    internalCommands = driver.createOutputTopic(topics.commands().name(), Serdes.String().deserializer(),
        topics.commands().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  /** {@code settings} for a driver, which runs the one task of partition 0: the commands topic has one partition. */
  static Map<String, String> onePartition(Map<String, String> settings) {
    var config = new HashMap<>(settings);
    config.put(StepfoldConfig.partitionsKey(Topics.COMMANDS), "1");
    return config;
  }

  void send(Command command, Instant at) {
    send(codec.avro(command), at);
  }

  void send(CommandRecord command, Instant at) {
    var bytes = topics.commands().valueSerde().serializer().serialize(topics.commands().name(), command);
    commands.pipeInput(new TestRecord<>(command.getExecutionArn(), bytes, at));
  }

  /**
   * Writes {@code record} (null: a tombstone) to the state-machines topic, which only the global store reads: the global
   * store then shows what a lagging one would, while the revisions store of the state machine's key keeps what it decided.
   */
  void showInGlobalStore(String key, StateMachineRecord record, Instant at) {
    var topic = driver.createInputTopic(topics.stateMachines().name(), Serdes.String().serializer(), topics.stateMachines().valueSerde().serializer());
    topic.pipeInput(new TestRecord<>(key, record, at));
  }

  /** A JSON command, keyed by the ARN given. */
  void sendJson(String key, String json, Instant at) {
    commands.pipeInput(new TestRecord<>(key, json.getBytes(StandardCharsets.UTF_8), at));
  }

  /** The data of an accepted reply to {@code requestId}. */
  static String accepted(ReplyRecord reply, String requestId) {
    assertThat(reply.getRequestId()).isEqualTo(requestId);
    assertThat(reply.getOutcome()).isInstanceOf(AcceptedReply.class);
    return ((AcceptedReply) reply.getOutcome()).getData();
  }

  /** The error type of a rejected reply to {@code requestId}. */
  static String rejected(ReplyRecord reply, String requestId) {
    assertThat(reply.getRequestId()).isEqualTo(requestId);
    assertThat(reply.getOutcome()).isInstanceOf(RejectedReply.class);
    return ((RejectedReply) reply.getOutcome()).getErrorType();
  }

  /** The execution as the fold of its events on the history topic, all read so far through this method. */
  ExecutionState fold(ExecutionArn execution) {
    var decider = new StepfoldDecider();
    var state = decider.initialState();
    for (var record : historySoFar()) {
      if (record.key().equals(execution.value())) {
        state = decider.evolve(state, codec.event(record.value()));
      }
    }
    return state;
  }

  /** The history records read so far through this method, with those not read yet. */
  List<TestRecord<String, HistoryEventRecord>> historySoFar() {
    historySeen.addAll(history.readRecordsToList());
    return historySeen;
  }

  @Override
  public void close() {
    driver.close();
  }
}
