package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RedrivenExecution;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with exactly-once on, one runtime for the class (three partitions): commands produced into a
 * partition that does not own their key reach their execution and do what they do when the Java client produces them.
 * Each scenario runs three times side by side, its commands and task answers produced {@link Via one way each}: by the
 * Java client's default partitioner, by librdkafka's default (CRC32), and always into another partition than the
 * key's. After each test, every execution of the class so far is checked: its history topic folds to its stored state,
 * its key has history in one partition and a stored execution in one partition, its own; and exactly the records
 * produced into another partition than their key's were forwarded, each once, to the partition of their key.
 */
@Timeout(240)
class CommandsFromAnyPartitionIntegrationTest {
  private static final String TENANT = "routing";
  private static final int PARTITIONS = 3;
  private static final ArnFormat ARNS = ArnFormat.DEFAULT;
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";
  /** A task the test's worker answers: {@code {"n": 10 * n}}, or a failure while the input's case is failing. */
  private static final String ONE_TASK = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(WORK);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a test produces a command or a task answer to the commands topic. */
  enum Via {
    /** The Java client's default partitioner: murmur2, the partition of the key. */
    JAVA_CLIENT,
    /** librdkafka's default partitioner ({@code consistent_random}, CRC32), as kcat and confluent-kafka clients produce. */
    LIBRDKAFKA_DEFAULT,
    /** An explicit partition, always another than the key's. */
    ANOTHER_PARTITION
  }

  /** A record the test produced, and where it went. */
  private record Sent(Via via, String key, int partition, long offset) {
    boolean inAnotherPartition() {
      return partition != KeyPartitioning.partition(key, PARTITIONS);
    }
  }

  @TempDir
  static Path dataDir;
  private static BrokerFixture broker;
  private static StepfoldRuntime runtime;
  private static KafkaProducer<String, byte[]> javaClient;
  private static KafkaProducer<String, byte[]> librdkafkaDefault;
  private static TaskAnswers worker;
  private static final AvroCodec CODEC = AvroCodec.parsingDefinitions();
  private static final ConcurrentLinkedQueue<Sent> SENT = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startRuntime() throws Exception {
    broker = BrokerFixture.start(dataDir);
    runtime = broker.runtime(TENANT, Map.of());
    javaClient = producer(Map.of());
    librdkafkaDefault = producer(Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, LibrdkafkaPartitioner.class.getName()));
    worker = new TaskAnswers();
  }

  @AfterAll
  static void stopRuntime() {
    worker.close();
    javaClient.close();
    librdkafkaDefault.close();
    runtime.close();
    broker.close();
  }

  @AfterEach
  void checkOneKeyOneExecution() {
    assertThat(worker.failure()).as("the test's worker").isNull();
    var history = readAll(runtime.topics().history().name(), runtime.topics().history().valueSerde().deserializer());
    var byKey = new LinkedHashMap<String, List<HistoryEventRecord>>();
    var partitionsByKey = new HashMap<String, Set<Integer>>();
    for (var record : history) {
      byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
      partitionsByKey.computeIfAbsent(record.key(), k -> new TreeSet<>()).add(record.partition());
    }
    partitionsByKey.forEach((key, partitions) -> assertThat(partitions).as("partitions of the history of " + key)
        .containsExactly(KeyPartitioning.partition(key, PARTITIONS)));
    byKey.forEach((key, events) -> assertThat(events.stream().filter(e -> e.getType().name().equals("ExecutionStarted")))
        .as("starts of " + key).hasSize(1));
    StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    for (var key : byKey.keySet()) {
      var storedIn = IntStream.range(0, PARTITIONS).filter(partition -> executionsStore(partition).get(key) != null).boxed().toList();
      assertThat(storedIn).as("partitions whose executions store holds " + key).containsExactly(KeyPartitioning.partition(key, PARTITIONS));
    }

    var commands = readAll(runtime.topics().commands().name(), new ByteArrayDeserializer());
    var forwarded = commands.stream().filter(record -> record.headers().lastHeader(CommandRouter.FORWARDED_FROM) != null).toList();
    assertThat(forwarded).as("forwarded records in the partition of their key")
        .allSatisfy(record -> assertThat(record.partition()).as(record.key()).isEqualTo(KeyPartitioning.partition(record.key(), PARTITIONS)));
    assertThat(forwarded.stream().map(record -> new String(record.headers().lastHeader(CommandRouter.FORWARDED_FROM).value(),
        StandardCharsets.UTF_8)).toList())
        .as("exactly the records produced into another partition than their key's are forwarded, each once")
        .containsExactlyInAnyOrderElementsOf(SENT.stream().filter(Sent::inAnotherPartition).map(sent -> sent.partition() + "@" + sent.offset())
            .toList());
  }

  @Test
  void shouldStartAnExecutionAndTakeTheTaskAnswersOfAnInlineMapsIterations() throws Exception {
    runMapOfFourTasks("inline", """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
          "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}}}}"""
        .formatted(WORK));
  }

  @Test
  void shouldTakeTheTaskAnswersOfADistributedMapsChildrenAndTellTheParentWhenTheMapRunEnds() throws Exception {
    var parents = runMapOfFourTasks("distributed", """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(WORK));
    assertThat(worker.answersOf("distributed")).as("answers go to the children, not to their parents")
        .noneMatch(answer -> parents.values().stream().anyMatch(parent -> parent.value().equals(answer.executionArn())));
  }

  /**
   * Starts an execution of a Map over four items with a task each, once per way of producing, the starts and the
   * answers produced that way: each succeeds with the answers in item order, as the Java client's does.
   */
  private static Map<Via, ExecutionArn> runMapOfFourTasks(String name, String definition) throws Exception {
    var executions = executionsByVia(ARNS.stateMachine(name), name);
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      startEach(executions, definition, via -> "{\"items\": " + items(via, name, 4) + "}");

      var read = history.readUntil(byKey -> executions.values().stream().allMatch(execution -> closed(byKey.get(execution.value()))));
      for (var execution : executions.values()) {
        assertThat(lastOf(read.get(execution.value())).getType().name()).as(execution.name()).isEqualTo("ExecutionSucceeded");
        assertThat(output(read.get(execution.value()))).as(execution.name()).isEqualTo(JSON.readTree("[{\"n\":0},{\"n\":10},{\"n\":20},{\"n\":30}]"));
      }
      assertSameEventsAsWithTheJavaClient(executions, read);
      assertEveryAnswerAccepted(replies, name, 4);
    }
    return executions;
  }

  @Test
  void shouldTakeTheTaskAnswersOfANestedSyncChildAndReportItsEndToTheParent() throws Exception {
    var child = ARNS.stateMachine("nested-child");
    var parentDefinition = """
        {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
          "Parameters": {"StateMachineArn": "%s", "Name.$": "$.name", "Input": {"via.$": "$.via", "case": "nested", "n": 7}},
          "OutputPath": "$.Output", "End": true}}}""".formatted(child);
    var parents = executionsByVia(ARNS.stateMachine("nested-parent"), "parent");
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      createStateMachine(Via.LIBRDKAFKA_DEFAULT, child, ONE_TASK, replies);
      startEach(parents, parentDefinition, via -> "{\"via\": \"" + via + "\", \"name\": \"child-of-" + parents.get(via).name() + "\"}");

      var read = history.readUntil(byKey -> parents.values().stream().allMatch(parent -> closed(byKey.get(parent.value()))));
      var children = new EnumMap<Via, ExecutionArn>(Via.class);
      parents.forEach((via, parent) -> children.put(via, child.execution("child-of-" + parent.name())));
      for (var via : Via.values()) {
        var parent = parents.get(via);
        assertThat(lastOf(read.get(parent.value())).getType().name()).as(parent.name()).isEqualTo("ExecutionSucceeded");
        assertThat(output(read.get(parent.value()))).as(parent.name()).isEqualTo(JSON.readTree("{\"n\":70}"));
        assertThat(lastOf(read.get(children.get(via).value())).getType().name()).as(children.get(via).name()).isEqualTo("ExecutionSucceeded");
      }
      assertSameEventsAsWithTheJavaClient(parents, read);
      assertSameEventsAsWithTheJavaClient(children, read);
      assertEveryAnswerAccepted(replies, "nested", 1);
    }
  }

  @Test
  void shouldRedriveAFailedExecutionWhenTheRedriveComesFromAnotherPartition() throws Exception {
    var executions = executionsByVia(ARNS.stateMachine("redrive"), "redrive");
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      worker.failing("redrive");
      startEach(executions, ONE_TASK, via -> input(via, "redrive", 4));
      history.readUntil(byKey -> executions.values().stream().allMatch(execution -> closedTimes(byKey.get(execution.value()), 1)));

      worker.succeeding("redrive");
      executions.forEach((via, execution) -> send(via, execution.value(), """
          {"requestId": "redrive-%s", "executionArn": "%s", "command": {"RedriveExecution": {"clientToken": "fixed"}}}"""
          .formatted(execution.name(), execution).getBytes(StandardCharsets.UTF_8)));

      var read = history.readUntil(byKey -> executions.values().stream().allMatch(execution -> closedTimes(byKey.get(execution.value()), 2)));
      for (var execution : executions.values()) {
        var types = types(read.get(execution.value()));
        assertThat(types).as(execution.name()).containsOnlyOnce("ExecutionFailed", "ExecutionRedriven").endsWith("ExecutionSucceeded");
        assertThat(output(read.get(execution.value()))).isEqualTo(JSON.readTree("{\"n\":40}"));
        var reply = awaitReply(replies, execution.value(), "redrive-" + execution.name());
        assertThat(reply.getOutcome()).isInstanceOfSatisfying(AcceptedReply.class, accepted -> assertThat(accepted.getData()).contains("redriveDate"));
      }
      assertSameEventsAsWithTheJavaClient(executions, read);
    }
  }

  @Test
  void shouldRedriveInBulkTheFailedExecutionsOfEveryPartitionWhenTheBulkRedriveComesFromAnotherPartition() throws Exception {
    var stateMachines = new EnumMap<Via, StateMachineArn>(Via.class);
    var executions = new EnumMap<Via, List<ExecutionArn>>(Via.class);
    for (var via : Via.values()) {
      var stateMachine = stateMachineProducedElsewhere(via, "bulk-" + via.name().toLowerCase().replace('_', '-'));
      stateMachines.put(via, stateMachine);
      executions.put(via, IntStream.range(0, 6).mapToObj(i -> stateMachine.execution("bulk-" + i)).toList());
    }
    assertThat(executions.get(Via.JAVA_CLIENT).stream().map(e -> KeyPartitioning.partition(e.value(), PARTITIONS)).distinct().count())
        .as("partitions the executions of one state machine are on").isGreaterThan(1);
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      worker.failing("bulk");
      executions.forEach((via, ofVia) -> ofVia.forEach(execution -> send(via, execution.value(),
          startJson("start-" + execution.name(), execution, ONE_TASK, input(via, "bulk", 1)))));
      var all = executions.values().stream().flatMap(List::stream).toList();
      history.readUntil(byKey -> all.stream().allMatch(execution -> closedTimes(byKey.get(execution.value()), 1)));

      worker.succeeding("bulk");
      stateMachines.forEach((via, stateMachine) -> send(via, stateMachine.value(), """
          {"requestId": "bulk-%s", "executionArn": "%s", "command": {"BulkRedrive": {"error": "Work.Failed", "maxPerSecond": 30}}}"""
          .formatted(via, stateMachine).getBytes(StandardCharsets.UTF_8)));

      for (var via : Via.values()) {
        var reply = awaitReply(replies, stateMachines.get(via).value(), "bulk-" + via);
        assertThat(reply.getOutcome()).as(via.name()).isInstanceOfSatisfying(BulkRedriveReportReply.class, report -> {
          assertThat(report.getRedriven()).extracting(RedrivenExecution::getExecutionArn)
              .containsExactlyElementsOf(executions.get(via).stream().map(ExecutionArn::value).sorted().toList());
          assertThat(report.getSkipped()).isEmpty();
        });
      }
      var read = history.readUntil(byKey -> all.stream().allMatch(execution -> closedTimes(byKey.get(execution.value()), 2)));
      for (var execution : all) {
        assertThat(types(read.get(execution.value()))).as(execution.value()).containsOnlyOnce("ExecutionRedriven").endsWith("ExecutionSucceeded");
      }
      for (int i = 0; i < 6; i++) {
        int item = i;
        var oneEach = new EnumMap<Via, ExecutionArn>(Via.class);
        executions.forEach((via, ofVia) -> oneEach.put(via, ofVia.get(item)));
        assertSameEventsAsWithTheJavaClient(oneEach, read);
      }
    }
  }

  @Test
  void shouldStopAnExecutionWhenTheStopComesFromAnotherPartition() throws Exception {
    var executions = executionsByVia(ARNS.stateMachine("stop"), "stop");
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      worker.holding("stop");
      startEach(executions, ONE_TASK, via -> input(via, "stop", 1));
      worker.awaitTasksOf(executions.values());

      executions.forEach((via, execution) -> send(via, execution.value(), """
          {"requestId": "stop-%s", "executionArn": "%s", "command": {"StopExecution": {"error": "Operator.Stop", "cause": "by hand"}}}"""
          .formatted(execution.name(), execution).getBytes(StandardCharsets.UTF_8)));

      var read = history.readUntil(byKey -> executions.values().stream().allMatch(execution -> closed(byKey.get(execution.value()))));
      for (var execution : executions.values()) {
        assertThat(lastOf(read.get(execution.value())).getType().name()).as(execution.name()).isEqualTo("ExecutionAborted");
        assertThat(awaitReply(replies, execution.value(), "stop-" + execution.name()).getOutcome()).isInstanceOf(AcceptedReply.class);
      }
      assertSameEventsAsWithTheJavaClient(executions, read);
    }
  }

  @Test
  void shouldAnswerExecutionAlreadyExistsToAStartOfAnExistingExecutionFromAnotherPartitionAndStartNothing() throws Exception {
    var stateMachine = ARNS.stateMachine("twins");
    var first = executionProducedElsewhere(Via.LIBRDKAFKA_DEFAULT, stateMachine, "twin");
    var second = stateMachine.execution("twin-second");
    try (var history = broker.history(runtime); var replies = broker.replies(runtime)) {
      worker.holding("twin");
      send(Via.JAVA_CLIENT, first.value(), startJson("start-1", first, ONE_TASK, input(Via.JAVA_CLIENT, "twin", 1)));
      assertThat(awaitReply(replies, first.value(), "start-1").getOutcome()).isInstanceOf(AcceptedReply.class);
      send(Via.ANOTHER_PARTITION, first.value(), startJson("start-2", first, ONE_TASK, input(Via.ANOTHER_PARTITION, "twin", 2)));
      send(Via.LIBRDKAFKA_DEFAULT, first.value(), startJson("start-3", first, ONE_TASK, input(Via.LIBRDKAFKA_DEFAULT, "twin", 3)));
      send(Via.ANOTHER_PARTITION, second.value(), startJson("start-1", second, ONE_TASK, input(Via.ANOTHER_PARTITION, "twin", 1)));
      assertThat(awaitReply(replies, second.value(), "start-1").getOutcome()).isInstanceOf(AcceptedReply.class);
      send(Via.JAVA_CLIENT, second.value(), startJson("start-2", second, ONE_TASK, input(Via.JAVA_CLIENT, "twin", 2)));

      for (var refused : List.of(Map.entry(first, "start-2"), Map.entry(first, "start-3"), Map.entry(second, "start-2"))) {
        var reply = awaitReply(replies, refused.getKey().value(), refused.getValue());
        assertThat(reply.getOutcome()).as(refused.getValue() + " of " + refused.getKey().name()).isInstanceOfSatisfying(RejectedReply.class,
            rejected -> {
              assertThat(rejected.getErrorType()).isEqualTo("ExecutionAlreadyExists");
              assertThat(rejected.getMessage()).isEqualTo("Execution Already Exists: '" + refused.getKey() + "'");
            });
      }
      worker.awaitTasksOf(List.of(first, second));
      var read = history.readRest();
      for (var execution : List.of(first, second)) {
        assertThat(types(read.get(execution.value()))).as(execution.name())
            .containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted");
        assertThat(read.get(execution.value()).get(0).getDetails().toString()).as("the first start's input").contains("\\\"n\\\":1");
      }
    }
  }

  // --- producing -------------------------------------------------------------------------------------------------

  private static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
    var config = new HashMap<String, Object>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    config.putAll(settings);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Produces a record to the commands topic the way {@code via} says, and remembers where it went. */
  private static void send(Via via, String key, byte[] value) {
    var topic = runtime.topics().commands().name();
    var record = switch (via) {
      case JAVA_CLIENT, LIBRDKAFKA_DEFAULT -> new ProducerRecord<>(topic, key, value);
      case ANOTHER_PARTITION -> new ProducerRecord<>(topic, (KeyPartitioning.partition(key, PARTITIONS) + 1) % PARTITIONS, key, value);
    };
    try {
      var metadata = (via == Via.LIBRDKAFKA_DEFAULT ? librdkafkaDefault : javaClient).send(record).get();
      SENT.add(new Sent(via, key, metadata.partition(), metadata.offset()));
    } catch (Exception e) {
      throw new IllegalStateException("Expected to produce to " + topic + ", but " + e, e);
    }
  }

  /** Starts each execution with its input, produced as its way says. */
  private static void startEach(Map<Via, ExecutionArn> executions, String definition, Function<Via, String> input) {
    executions.forEach((via, execution) -> send(via, execution.value(), startJson("start-" + execution.name(), execution, definition, input.apply(via))));
  }

  private static byte[] startJson(String requestId, ExecutionArn execution, String definition, String input) {
    return """
        {"requestId": "%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "roleArn": "%s",
          "definition": %s, "input": %s}}}""".formatted(requestId, execution, execution.stateMachine(), ROLE, definition, input)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Creates a state machine and waits until a start by its ARN finds it (the global store follows a moment behind). */
  private static void createStateMachine(Via via, StateMachineArn stateMachine, String definition, BrokerFixture.Reader<ReplyRecord> replies) {
    send(via, stateMachine.value(), """
        {"requestId": "create", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "%s", "roleArn": "%s", "definition": %s}}}"""
        .formatted(stateMachine, stateMachine.name(), ROLE, definition).getBytes(StandardCharsets.UTF_8));
    assertThat(awaitReply(replies, stateMachine.value(), "create").getOutcome()).isInstanceOf(AcceptedReply.class);
    for (int attempt = 1; attempt <= 50; attempt++) {
      var probe = stateMachine.execution("probe-" + attempt);
      send(Via.JAVA_CLIENT, probe.value(), ("{\"requestId\": \"probe\", \"executionArn\": \"" + probe + "\", \"command\": {\"StartExecution\": "
          + "{\"stateMachineArn\": \"" + stateMachine + "\", \"input\": " + input(Via.JAVA_CLIENT, "probe", 0) + "}}}").getBytes(StandardCharsets.UTF_8));
      if (!(awaitReply(replies, probe.value(), "probe").getOutcome() instanceof RejectedReply rejected
          && rejected.getErrorType().equals("StateMachineDoesNotExist"))) {
        return;
      }
    }
    throw new AssertionError("Expected " + stateMachine + " in the state machine store, but 50 starts did not find it");
  }

  /** One execution for each way of producing; librdkafka's is named so that CRC32 places its key in another partition. */
  private static Map<Via, ExecutionArn> executionsByVia(StateMachineArn stateMachine, String name) {
    var executions = new EnumMap<Via, ExecutionArn>(Via.class);
    for (var via : Via.values()) {
      executions.put(via, executionProducedElsewhere(via, stateMachine, name + "-" + via.name().toLowerCase().replace('_', '-')));
    }
    return executions;
  }

  private static ExecutionArn executionProducedElsewhere(Via via, StateMachineArn stateMachine, String name) {
    return firstProducedElsewhere(via, i -> stateMachine.execution(i == 0 ? name : name + "-" + i), ExecutionArn::value);
  }

  private static StateMachineArn stateMachineProducedElsewhere(Via via, String name) {
    return firstProducedElsewhere(via, i -> ARNS.stateMachine(i == 0 ? name : name + "-" + i), StateMachineArn::value);
  }

  /** The first candidate whose key librdkafka's default places in another partition, for {@link Via#LIBRDKAFKA_DEFAULT}; else the first. */
  private static <A> A firstProducedElsewhere(Via via, Function<Integer, A> candidate, Function<A, String> key) {
    return IntStream.range(0, 100).mapToObj(candidate::apply)
        .filter(arn -> via != Via.LIBRDKAFKA_DEFAULT
            || LibrdkafkaPartitioner.partition(key.apply(arn).getBytes(StandardCharsets.UTF_8), PARTITIONS) != KeyPartitioning.partition(key.apply(arn), PARTITIONS))
        .findFirst().orElseThrow();
  }

  private static String input(Via via, String testCase, int n) {
    return "{\"via\": \"" + via + "\", \"case\": \"" + testCase + "\", \"n\": " + n + "}";
  }

  private static String items(Via via, String testCase, int count) {
    return IntStream.range(0, count).mapToObj(n -> input(via, testCase, n)).collect(Collectors.joining(", ", "[", "]"));
  }

  // --- reading ---------------------------------------------------------------------------------------------------

  /** Every record of a topic up to its end now (read_committed: what committed transactions wrote). */
  private static <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    return TopicContents.readAll(runtime.bootstrapServers(), topic, values);
  }

  private static ReadOnlyKeyValueStore<String, byte[]> executionsStore(int partition) {
    return runtime.streams().store(StoreQueryParameters.fromNameAndType(StepfoldTopology.EXECUTIONS_STORE,
        QueryableStoreTypes.<String, byte[]>keyValueStore()).withPartition(partition));
  }

  private static ReplyRecord awaitReply(BrokerFixture.Reader<ReplyRecord> replies, String key, String requestId) {
    return replies.readUntil(byKey -> byKey.getOrDefault(key, List.of()).stream().anyMatch(reply -> reply.getRequestId().equals(requestId)))
        .get(key).stream().filter(reply -> reply.getRequestId().equals(requestId)).findFirst().orElseThrow();
  }

  /** Each way of producing answered {@code count} tasks of the test case, and each answer was accepted. */
  private static void assertEveryAnswerAccepted(BrokerFixture.Reader<ReplyRecord> replies, String testCase, int count) {
    var answers = worker.answersOf(testCase);
    for (var via : Via.values()) {
      assertThat(answers).as("answers produced " + via).filteredOn(answer -> answer.via() == via).hasSize(count);
    }
    for (var answer : answers) {
      assertThat(awaitReply(replies, answer.executionArn(), answer.requestId()).getOutcome()).as(answer.toString()).isInstanceOf(AcceptedReply.class);
    }
  }

  /** The executions produced another way have the events, in number and type, of the one the Java client produced. */
  private static void assertSameEventsAsWithTheJavaClient(Map<Via, ExecutionArn> executions, Map<String, List<HistoryEventRecord>> history) {
    var expected = eventCounts(history.get(executions.get(Via.JAVA_CLIENT).value()));
    executions.forEach((via, execution) -> assertThat(eventCounts(history.get(execution.value()))).as(via + ": " + execution.name())
        .isEqualTo(expected));
  }

  private static Map<String, Long> eventCounts(List<HistoryEventRecord> events) {
    return events.stream().collect(Collectors.groupingBy(event -> event.getType().name(), Collectors.counting()));
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events.stream().map(event -> event.getType().name()).toList();
  }

  private static HistoryEventRecord lastOf(List<HistoryEventRecord> events) {
    return events.get(events.size() - 1);
  }

  private static JsonNode output(List<HistoryEventRecord> events) throws IOException {
    return JSON.readTree(JSON.readTree(lastOf(events).getDetails().toString()).get("output").asText());
  }

  private static boolean closed(List<HistoryEventRecord> events) {
    return closedTimes(events, 1);
  }

  /** Whether the execution closed {@code times} times (each attempt ends with one close event). */
  private static boolean closedTimes(List<HistoryEventRecord> events, int times) {
    return events != null && events.stream().filter(event -> switch (event.getType().name()) {
      case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
      default -> false;
    }).count() >= times;
  }

  /**
   * The test's worker: answers each task on the tasks topic in Avro, produced as its input's {@code via} says, with
   * {@code {"n": 10 * n}}, or with the error {@code Work.Failed} while the input's {@code case} is failing; a task of a
   * held case is taken and not answered.
   */
  private static final class TaskAnswers implements AutoCloseable {
    record Answer(String testCase, Via via, String executionArn, String requestId) {}

    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** The executions a task was taken of; guarded by itself, which is notified of each. */
    private final Set<String> tasksTaken = new HashSet<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    TaskAnswers() {
      var tasks = runtime.topics().tasks();
      var consumer = new KafkaConsumer<>(Map.<String, Object>of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), tasks.valueSerde().deserializer());
      var partitions = consumer.partitionsFor(tasks.name()).stream().map(p -> new TopicPartition(tasks.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      thread = new Thread(() -> {
        try (consumer) {
          while (!closed) {
            for (var task : consumer.poll(Duration.ofMillis(100))) {
              answer(task);
            }
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "routing-test-worker");
      thread.setDaemon(true);
      thread.start();
    }

    void failing(String testCase) {
      failing.add(testCase);
    }

    void succeeding(String testCase) {
      failing.remove(testCase);
    }

    void holding(String testCase) {
      held.add(testCase);
    }

    List<Answer> answersOf(String testCase) {
      return answers.stream().filter(answer -> answer.testCase().equals(testCase)).toList();
    }

    Throwable failure() {
      return failure.get();
    }

    /** Waits until a task of each execution was taken. */
    void awaitTasksOf(Collection<ExecutionArn> executions) throws InterruptedException {
      long deadline = System.nanoTime() + BrokerFixture.PATIENCE.toNanos();
      synchronized (tasksTaken) {
        while (!executions.stream().allMatch(execution -> tasksTaken.contains(execution.value()))) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("Expected a task of each of " + executions + " within " + BrokerFixture.PATIENCE + ", but got " + tasksTaken);
          }
          tasksTaken.wait(Math.max(1, left / 1_000_000));
        }
      }
    }

    private void answer(ConsumerRecord<String, TaskDispatchRecord> record) {
      var task = record.value();
      synchronized (tasksTaken) {
        tasksTaken.add(task.getExecutionArn());
        tasksTaken.notifyAll();
      }
      JsonNode input;
      try {
        input = JSON.readTree(task.getPayload());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var testCase = input.path("case").asText();
      if (held.contains(testCase)) {
        return;
      }
      var via = Via.valueOf(input.path("via").asText());
      var execution = new ExecutionArn(task.getExecutionArn());
      var token = new TaskToken(task.getTaskToken());
      var requestId = "answer-" + record.partition() + "-" + record.offset();
      var command = failing.contains(testCase)
          ? new Command.SendTaskFailure(requestId, execution, token, Optional.of("Work.Failed"), Optional.of("the case is failing"))
          : new Command.SendTaskSuccess(requestId, execution, token, "{\"n\": " + 10 * input.path("n").asInt() + "}");
      var topic = runtime.topics().commands().name();
      send(via, execution.value(), runtime.topics().commands().valueSerde().serializer().serialize(topic, CODEC.avro(command)));
      answers.add(new Answer(testCase, via, execution.value(), requestId));
    }

    @Override
    public void close() {
      closed = true;
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
