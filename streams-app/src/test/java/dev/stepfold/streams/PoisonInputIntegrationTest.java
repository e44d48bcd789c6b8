package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every topic the runtime reads, on a real broker with exactly-once on, fed what a broken or careless producer writes:
 * undecodable, oversized, unkeyed and wrongly keyed records, commands with missing members or for executions that do not
 * exist. A command whose request id reads is answered with AWS's error on the replies topic; the rest are dead letters
 * with their reason; the stream threads keep running, and a good command produced after them into the same partition is
 * processed.
 */
@Timeout(240)
class PoisonInputIntegrationTest {
  private static final String TENANT = "poison";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:poison";
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String WAIT = "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 300, \"End\": true}}}";
  private static final AtomicInteger EXECUTIONS = new AtomicInteger();

  @TempDir
  static Path dataDir;
  private static BrokerFixture broker;
  private static StepfoldRuntime runtime;
  private static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void startRuntime() throws Exception {
    broker = BrokerFixture.start(dataDir);
    runtime = broker.runtime(TENANT, Map.of());
    producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stopRuntime() {
    producer.close();
    runtime.close();
    broker.close();
  }

  /** A new execution ARN whose key belongs to {@code partition}. */
  private static String executionIn(int partition) {
    while (true) {
      var arn = "arn:aws:states:us-east-1:123456789012:execution:poison:e-" + EXECUTIONS.incrementAndGet();
      if (KeyPartitioning.partition(arn, 3) == partition) {
        return arn;
      }
    }
  }

  private static String start(String requestId, String executionArn, String fields) {
    return "{\"requestId\": \"" + requestId + "\", \"executionArn\": \"" + executionArn + "\", \"command\": {\"StartExecution\": {" + fields + "}}}";
  }

  private static String ownDefinition(String input) {
    return "\"stateMachineArn\": \"" + MACHINE + "\", \"definition\": " + WAIT + ", \"roleArn\": \"" + ROLE + "\", \"input\": " + input;
  }

  private static void produce(String topic, int partition, String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
  }

  private static void produce(int partition, String key, String json) throws Exception {
    produce(runtime.topics().commands().name(), partition, key, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts an execution keyed to {@code partition}, produced into it after what the test sent, and waits for its acceptance. */
  private static void assertAGoodCommandIsStillProcessedIn(int partition) throws Exception {
    var execution = executionIn(partition);
    try (var replies = broker.replies(runtime)) {
      produce(partition, execution, start("good-" + execution, execution, ownDefinition("{}")));
      var read = replies.readUntil(byKey -> byKey.getOrDefault(execution, List.of()).stream()
          .anyMatch(reply -> reply.getRequestId().equals("good-" + execution)));
      assertThat(read.get(execution)).last().satisfies(reply -> assertThat(reply.getOutcome()).isInstanceOf(AcceptedReply.class));
    }
    assertThat(runtime.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private static RejectedReply awaitRejection(BrokerFixture.Reader<ReplyRecord> replies, String requestId) {
    var read = replies.readUntil(byKey -> byKey.values().stream().flatMap(List::stream).anyMatch(reply -> reply.getRequestId().equals(requestId)));
    var reply = read.values().stream().flatMap(List::stream).filter(r -> r.getRequestId().equals(requestId)).findFirst().orElseThrow();
    assertThat(reply.getOutcome()).as(requestId).isInstanceOf(RejectedReply.class);
    return (RejectedReply) reply.getOutcome();
  }

  @Test
  void shouldAnswerEveryCommandWhoseRequestIdReadsWithItsAwsErrorAndGoOn() throws Exception {
    int partition = 1;
    var running = executionIn(partition);
    var unknown = executionIn(partition);
    var badName = "arn:aws:states:us-east-1:123456789012:execution:poison:has space";
    try (var replies = broker.replies(runtime)) {
      produce(partition, running, start("running", running, ownDefinition("{}")));
      produce(partition, running, start("no-role", running, "\"stateMachineArn\": \"" + MACHINE + "\", \"definition\": " + WAIT + ", \"input\": {}"));
      produce(partition, running, start("no-machine", running, "\"input\": {}"));
      produce(partition, running, "{\"requestId\": \"launch\", \"executionArn\": \"" + running + "\", \"command\": {\"Launch\": {}}}");
      produce(partition, executionIn(partition), start("wrong-key", running, ownDefinition("{}")));
      produce(partition, unknown, "{\"requestId\": \"stop-unknown\", \"executionArn\": \"" + unknown + "\", \"command\": {\"StopExecution\": {}}}");
      produce(partition, running, "{\"requestId\": \"redrive-running\", \"executionArn\": \"" + running + "\", \"command\": {\"RedriveExecution\": {}}}");
      produce(partition, badName, start("bad-name", badName, ownDefinition("{}")));
      produce(partition, "not-an-arn", "{\"requestId\": \"bad-arn\", \"executionArn\": \"not-an-arn\", \"command\": {\"StopExecution\": {}}}");
      var big = executionIn(partition);
      produce(partition, big, start("big-input", big, ownDefinition("{\"text\": \"" + "x".repeat(600_000) + "\"}")));

      assertThat(awaitRejection(replies, "no-role").getMessage())
          .isEqualTo("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
      assertThat(awaitRejection(replies, "no-machine").getMessage())
          .isEqualTo("1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null");
      assertThat(awaitRejection(replies, "launch").getErrorType()).isEqualTo("ValidationException");
      assertThat(awaitRejection(replies, "wrong-key").getErrorType()).isEqualTo("ValidationException");
      assertThat(awaitRejection(replies, "stop-unknown").getErrorType()).isEqualTo("ExecutionDoesNotExist");
      assertThat(awaitRejection(replies, "redrive-running").getErrorType()).isEqualTo("ExecutionNotRedrivable");
      assertThat(awaitRejection(replies, "bad-name").getErrorType()).isEqualTo("InvalidName");
      assertThat(awaitRejection(replies, "bad-arn").getErrorType()).isEqualTo("InvalidArn");
      assertThat(awaitRejection(replies, "big-input").getErrorType()).isEqualTo("InvalidExecutionInput");
    }
    assertAGoodCommandIsStillProcessedIn(partition);
  }

  @Test
  void shouldDeadLetterWhatCannotBeAnsweredWithItsReasonAndGoOn() throws Exception {
    int partition = 2;
    var key = executionIn(partition);
    var commands = runtime.topics().commands().name();
    var nearTheLimit = new byte[1_048_000];
    Arrays.fill(nearTheLimit, (byte) 'x');
    var poison = new ArrayList<byte[]>(List.of(
        new byte[] {0, 0, 0, 0, 99, 1, 2},                                                  // Avro of a schema the registry does not have
        "{\"requestId\": \"cut\", \"executionArn\": ".getBytes(StandardCharsets.UTF_8),       // JSON cut off
        "{\"command\": {\"StopExecution\": {}}}".getBytes(StandardCharsets.UTF_8),           // no request id
        new byte[] {(byte) 0xff, (byte) 0xfe, 1, 2},                                          // neither Avro nor JSON
        new byte[0],
        nearTheLimit));                                                                      // as large as the topic takes
    for (var value : poison) {
      produce(commands, partition, key, value);
    }
    produce(commands, partition, null, "no key, no command".getBytes(StandardCharsets.UTF_8));
    produce(commands, partition, key, null);
    try (var replies = broker.replies(runtime)) {
      // a record without a key whose request id reads is still answered
      produce(commands, partition, null, ("{\"requestId\": \"no-key\", \"executionArn\": \"" + key + "\", \"command\": {\"StopExecution\": {}}}")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(awaitRejection(replies, "no-key").getErrorType()).isEqualTo("ValidationException");
    }

    try (var letters = new KafkaConsumer<String, byte[]>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      var topic = runtime.topics().deadLetters().name();
      var partitions = letters.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      letters.assign(partitions);
      letters.seekToBeginning(partitions);
      var reasons = new ArrayList<String>();
      Awaitility.await().atMost(BrokerFixture.PATIENCE).until(() -> {
        letters.poll(Duration.ofMillis(200)).forEach(letter -> reasons.add(new String(letter.headers().lastHeader(DeadLetters.REASON).value(),
            StandardCharsets.UTF_8)));
        return reasons.size() >= poison.size() + 2;
      });
      assertThat(reasons).hasSize(poison.size() + 2).anyMatch(reason -> reason.contains("Schema 99 not found")).anyMatch(reason -> reason.contains("not valid JSON"))
          .anyMatch(reason -> reason.contains("Value null at 'requestId'")).anyMatch(reason -> reason.contains("has no value"));
    }
    assertAGoodCommandIsStillProcessedIn(partition);
  }

  @Test
  void shouldKeepRunningWhenTheTopicsOfItsGlobalStoresHoldRecordsThatDoNotRead() throws Exception {
    var garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    for (int partition : IntStream.range(0, 3).toArray()) {
      produce(runtime.topics().stateMachines().name(), partition, MACHINE, garbage);
      produce(runtime.topics().activities().name(), partition, "arn:aws:states:us-east-1:123456789012:activity:poison", garbage);
    }
    var created = "arn:aws:states:us-east-1:123456789012:stateMachine:after-poison";
    var execution = "arn:aws:states:us-east-1:123456789012:execution:after-poison:e-1";
    try (var replies = broker.replies(runtime)) {
      broker.sendJson(TENANT, created, "{\"requestId\": \"create-after-poison\", \"executionArn\": \"" + created + "\", \"command\": "
          + "{\"CreateStateMachine\": {\"name\": \"after-poison\", \"roleArn\": \"" + ROLE + "\", \"definition\": " + WAIT + "}}}");
      replies.readUntil(byKey -> byKey.containsKey(created));
      broker.sendJson(TENANT, execution, start("start-after-poison", execution, "\"stateMachineArn\": \"" + created + "\", \"input\": {}"));
      var read = replies.readUntil(byKey -> byKey.containsKey(execution));
      assertThat(read.get(execution).get(0).getOutcome()).isInstanceOf(AcceptedReply.class);
    }
    assertThat(runtime.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }
}
