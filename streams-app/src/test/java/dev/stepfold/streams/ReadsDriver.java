package dev.stepfold.streams;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.serde.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The topology on a {@link TopologyTestDriver} (one partition, deterministic time) with its read side: the
 * {@link ExecutionQueries} of a single instance reading the driver's stores, at a clock the test sets.
 */
final class ReadsDriver implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final ArnFormat ARNS = ArnFormat.DEFAULT;
  static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";

  final AvroCodec codec = AvroCodec.parsingDefinitions();
  final Topics topics = Topics.create("", new InMemorySchemaRegistry());
  final TopologyTestDriver driver;
  final TestOutputTopic<String, TaskDispatchRecord> tasks;
  final ExecutionQueries queries;
  private final TestInputTopic<String, byte[]> commands;
  private final LocalReads local;
  private final Path stateDir = temporaryDirectory();
  private Instant now = T0;

  ReadsDriver(Map<String, String> settings, Supplier<ExecutionDecider> deciders) {
    var properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-reads-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());   // not /tmp/kafka-streams, which other test runs share
    driver = new TopologyTestDriver(StepfoldTopology.build(topics, StepfoldConfig.of(TopologyHarness.onePartition(settings)), deciders), properties, T0);
    commands = driver.createInputTopic(topics.commands().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    tasks = driver.createOutputTopic(topics.tasks().name(), Serdes.String().deserializer(), topics.tasks().valueSerde().deserializer());
    var stores = new StoreAccess() {
      @Override
      public ReadOnlyKeyValueStore<String, byte[]> forExecution(String storeName, ExecutionArn executionArn) {
        return store(storeName);
      }

      @Override
      public ReadOnlyKeyValueStore<String, byte[]> forKey(String storeName, String key) {
        return store(storeName);
      }

      @Override
      public Map<Integer, ReadOnlyKeyValueStore<String, byte[]>> ownPartitions(String storeName) {
        return Map.of(0, store(storeName));
      }
    };
    local = new LocalReads(stores, codec, () -> now);
    queries = new ExecutionQueries(new ReadRouting() {
      @Override
      public InstanceReads owner(ExecutionArn executionArn) {
        return local;
      }

      @Override
      public InstanceReads ownerOf(String key) {
        return local;
      }

      @Override
      public List<InstanceReads> everyInstance() {
        return List.of(local);
      }

      @Override
      public int partitions() {
        return 1;
      }
    }, codec, Duration.ofSeconds(1));
  }

  ReadsDriver() {
    this(Map.of(), StepfoldDecider::new);
  }

  /** The reads of this driver's stores, as an instance answers them for itself. */
  LocalReads localReads() {
    return local;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("stepfold-reads-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  KeyValueStore<String, byte[]> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** Sends the command at {@code at}, which is also the reads' clock from then on. */
  void send(Command command, Instant at) {
    now = at;
    var bytes = topics.commands().valueSerde().serializer().serialize(topics.commands().name(), codec.avro(command));
    commands.pipeInput(new TestRecord<>(command.executionArn().value(), bytes, at));
  }

  /** Moves the wall clock (timers fire) and the reads' clock. */
  void advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  Instant now() {
    return now;
  }

  static ExecutionArn execution(String stateMachine, String name) {
    return ARNS.stateMachine(stateMachine).execution(name);
  }

  static Command.StartExecution start(String requestId, ExecutionArn execution, String definition, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    return new Command.StartExecution(requestId, execution, execution.stateMachine(), ExecutionType.STANDARD, parsed.definition(), input, ROLE);
  }

  @Override
  public void close() {
    driver.close();
    try {
      Utils.delete(stateDir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
