package dev.stepfold.fault;

import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.streams.DeadLetters;
import dev.stepfold.streams.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a broken or careless producer writes, onto every topic stepfold reads, while the workload runs: on the commands
 * topic undecodable bytes, Avro of an unknown schema, JSON cut off, a record as large as the topic takes, one without
 * a value, without a request id, without a key, wrongly keyed, an oversized input, commands for executions that do not
 * exist, a redrive of a running execution and StartExecutions missing a member; on the state machines, activities and
 * tasks topics bytes that do not read. Afterwards ({@link #check}) every command whose request id reads must have been
 * answered with its AWS error, and every other record on the commands topic must be a dead letter with a reason; that
 * the runtime, its workers and runners went on is what the rest of the suite checks.
 */
final class PoisonRecords implements AutoCloseable {
  /** How many poison records were written, how many were answered as expected and dead-lettered with a reason. */
  record Result(int written, int answered, int deadLettered, List<String> problems) {}

  private static final String ROLE = "arn:aws:iam::" + JsonCommands.ACCOUNT + ":role/stepfold";
  private static final String PASS = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";

  private final KafkaProducer<String, byte[]> producer;
  private final String bootstrapServers;
  private final Map<String, String> expectedErrors = new LinkedHashMap<>();
  private final List<TopicPartition> deadLetterOrigins = new ArrayList<>();
  private final List<Long> deadLetterOffsets = new ArrayList<>();
  private int written;
  private int batches;

  PoisonRecords(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000), new StringSerializer(), new ByteArraySerializer());
  }

  /** Writes one of each kind of poison; {@code running} is an execution of the workload that is running now (or has succeeded). */
  void inject(String running) throws Exception {
    int batch = batches++;
    var unknown = JsonCommands.executionArn("fault-poison", "unknown-" + batch);
    var key = JsonCommands.executionArn("fault-poison", "key-" + batch);
    var commands = Topics.name("", Topics.COMMANDS);
    // answered: a request id that reads
    answered(commands, key, "poison-no-role-" + batch, start(key, "\"stateMachineArn\": \"" + stateMachine() + "\", \"definition\": " + PASS + ", \"input\": {}"),
        "ValidationException");
    answered(commands, key, "poison-no-machine-" + batch, start(key, "\"input\": {}"), "ValidationException");
    answered(commands, unknown, "poison-wrong-key-" + batch, start(key, ownDefinition("{}")), "ValidationException");
    answered(commands, null, "poison-no-key-" + batch, command(key, "StopExecution", "{}"), "ValidationException");
    answered(commands, unknown, "poison-stop-unknown-" + batch, command(unknown, "StopExecution", "{}"), "ExecutionDoesNotExist");
    answered(commands, unknown, "poison-redrive-unknown-" + batch, command(unknown, "RedriveExecution", "{}"), "ExecutionDoesNotExist");
    answered(commands, running, "poison-redrive-running-" + batch, command(running, "RedriveExecution", "{}"), "ExecutionNotRedrivable");
    answered(commands, key, "poison-oversized-input-" + batch, start(key, ownDefinition("{\"text\": \"" + "x".repeat(300_000) + "\"}")),
        "InvalidExecutionInput");
    answered(commands, key, "poison-unknown-command-" + batch, command(key, "Launch", "{}"), "ValidationException");
    // dead letters: no request id to answer
    var nearTheLimit = new byte[1_000_000];
    Arrays.fill(nearTheLimit, (byte) 'x');
    for (var value : List.of(new byte[] {(byte) 0xff, (byte) 0xfe, 1, 2}, new byte[] {0, 0, 0, 0, 99, 1, 2},
        "{\"requestId\": \"cut\", \"executionArn\": ".getBytes(StandardCharsets.UTF_8),
        "{\"command\": {\"StopExecution\": {}}}".getBytes(StandardCharsets.UTF_8), new byte[0], nearTheLimit)) {
      deadLettered(commands, key, value);
    }
    deadLettered(commands, key, null);
    // the other topics stepfold and its workers read
    var garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    send(Topics.name("", Topics.STATE_MACHINES), stateMachine(), garbage);
    send(Topics.name("", Topics.ACTIVITIES), "arn:aws:states:us-east-1:" + JsonCommands.ACCOUNT + ":activity:fault-poison", garbage);
    send(Topics.name("", Topics.TASKS), key, garbage);
    send(Topics.name("", Topics.RUNNER_TASKS), key, garbage);
  }

  /**
   * Whether each answered poison got its error in a reply (from {@code watch}) and each other one on the commands topic
   * is on the dead-letter topic with a reason.
   */
  Result check(TopicWatch watch) throws Exception {
    var problems = new ArrayList<String>();
    int answered = 0;
    for (var expected : expectedErrors.entrySet()) {
      var reply = watch.reply(expected.getKey());
      if (reply.isEmpty()) {
        problems.add("poison " + expected.getKey() + ": no reply");
      } else if (reply.get().reply().getOutcome() instanceof RejectedReply rejected && rejected.getErrorType().equals(expected.getValue())) {
        answered++;
      } else {
        problems.add("poison " + expected.getKey() + ": expected " + expected.getValue() + ", but got " + reply.get().reply().getOutcome());
      }
    }
    var lettered = deadLetters();
    int deadLettered = 0;
    for (int i = 0; i < deadLetterOrigins.size(); i++) {
      var origin = deadLetterOrigins.get(i) + "@" + deadLetterOffsets.get(i);
      if (lettered.contains(origin)) {
        deadLettered++;
      } else {
        problems.add("poison " + origin + ": not on the dead-letter topic with a reason");
      }
    }
    return new Result(written, answered, deadLettered, problems);
  }

  /** The origins ({@code topic-partition@offset}) of the dead letters that carry a reason. */
  private Set<String> deadLetters() {
    var topic = Topics.name("", Topics.DEAD_LETTERS);
    var origins = new HashSet<String>();
    try (var letters = new KafkaConsumer<String, byte[]>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = letters.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      letters.assign(partitions);
      letters.seekToBeginning(partitions);
      var end = letters.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> letters.position(p) < end.get(p))) {
        for (var letter : letters.poll(Duration.ofMillis(500))) {
          var reason = letter.headers().lastHeader(DeadLetters.REASON);
          if (reason != null && reason.value().length > 0) {
            origins.add(header(letter, DeadLetters.TOPIC) + "-" + header(letter, DeadLetters.PARTITION) + "@" + header(letter, DeadLetters.OFFSET));
          }
        }
      }
    }
    return origins;
  }

  private static String header(ConsumerRecord<String, byte[]> letter, String name) {
    var header = letter.headers().lastHeader(name);
    return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private void answered(String topic, String key, String requestId, String commandWithoutRequestId, String errorType) throws Exception {
    expectedErrors.put(requestId, errorType);
    send(topic, key, ("{\"requestId\": \"" + requestId + "\", " + commandWithoutRequestId.substring(1)).getBytes(StandardCharsets.UTF_8));
  }

  private void deadLettered(String topic, String key, byte[] value) throws Exception {
    var written = send(topic, key, value);
    deadLetterOrigins.add(new TopicPartition(topic, written.partition()));
    deadLetterOffsets.add(written.offset());
  }

  private RecordMetadata send(String topic, String key, byte[] value) throws Exception {
    try {
      written++;
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Expected the broker to take a poison record for " + topic + ", but: " + e.getCause(), e);
    }
  }

  private static String stateMachine() {
    return JsonCommands.stateMachineArn("fault-poison");
  }

  private static String start(String executionArn, String fields) {
    return command(executionArn, "StartExecution", "{" + fields + "}");
  }

  private static String ownDefinition(String input) {
    return "\"stateMachineArn\": \"" + stateMachine() + "\", \"definition\": " + PASS + ", \"roleArn\": \"" + ROLE + "\", \"input\": " + input;
  }

  /** A command without its request id, which {@link #answered} puts first. */
  private static String command(String executionArn, String type, String body) {
    return "{\"executionArn\": \"" + executionArn + "\", \"command\": {\"" + type + "\": " + body + "}}";
  }

  @Override
  public void close() {
    producer.close();
  }
}
