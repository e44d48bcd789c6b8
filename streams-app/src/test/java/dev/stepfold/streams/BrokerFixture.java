package dev.stepfold.streams;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.worker.TaskHandler;
import dev.stepfold.worker.TaskWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;

/**
 * One broker and one schema registry for the tests of a class, and what those tests do with them: start the runtime
 * under a topic prefix of its own, produce JSON commands, start workers, read history and replies read_committed.
 */
final class BrokerFixture implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final EmbeddedKafka kafka;
  private final EmbeddedSchemaRegistry registry;
  private final Path dataDir;
  private final KafkaProducer<String, byte[]> producer;

  private BrokerFixture(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, Path dataDir) {
    this.kafka = kafka;
    this.registry = registry;
    this.dataDir = dataDir;
    this.producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
  }

  static BrokerFixture start(Path dataDir) throws Exception {
    var kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0, PATIENCE);
    try {
      return new BrokerFixture(kafka, EmbeddedSchemaRegistry.start(0, Optional.empty()), dataDir);
    } catch (Exception e) {
      kafka.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  String registryUrl() {
    return registry.url();
  }

  /** The runtime of one test: its own topics ({@code <tenant>.stepfold.*}), application id and state directory. */
  StepfoldRuntime runtime(String tenant, Map<String, String> settings) throws Exception {
    var config = new LinkedHashMap<String, String>(Map.of(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        StepfoldConfig.SCHEMA_REGISTRY_URL, registry.url(),
        StepfoldConfig.TOPIC_PREFIX, tenant + ".",
        StepfoldConfig.DATA_DIR, dataDir.resolve(tenant).toString(),
        StepfoldConfig.TOPIC_PARTITIONS, "3",
        StepfoldConfig.TIMERS_INTERVAL_MS, "100",
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-" + tenant,
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
    config.putAll(settings);
    var runtime = StepfoldRuntime.start(StepfoldConfig.of(config));
    if (!runtime.awaitRunning(PATIENCE)) {
      runtime.close();
      throw new AssertionError("Expected the runtime of " + tenant + " to run, but it is " + runtime.streams().state());
    }
    return runtime;
  }

  TaskWorker.Builder worker(String tenant, TaskHandler handler) {
    return TaskWorker.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(registry.url())
        .topicPrefix(tenant + ".")
        .name("worker-" + tenant)
        .handler(handler);
  }

  /** Produces a command written as JSON, keyed by its execution ARN. */
  void sendJson(String tenant, String executionArn, String json) throws Exception {
    producer.send(new ProducerRecord<>(Topics.name(tenant + ".", Topics.COMMANDS), executionArn, json.getBytes(StandardCharsets.UTF_8))).get();
  }

  /** Produces commands written as JSON, each keyed by its execution ARN, without waiting for each: a batch, flushed at the end. */
  void sendJsonAll(String tenant, Map<String, String> jsonByExecutionArn) {
    var topic = Topics.name(tenant + ".", Topics.COMMANDS);
    jsonByExecutionArn.forEach((executionArn, json) -> producer.send(new ProducerRecord<>(topic, executionArn, json.getBytes(StandardCharsets.UTF_8))));
    producer.flush();
  }

  /** Produces a command written as JSON with the record time given, as a producer whose answer was written then. */
  void sendJsonAt(String tenant, String executionArn, String json, Instant recordTime) throws Exception {
    producer.send(new ProducerRecord<>(Topics.name(tenant + ".", Topics.COMMANDS), null, recordTime.toEpochMilli(), executionArn,
        json.getBytes(StandardCharsets.UTF_8))).get();
  }

  /** Waits until the wall clock is past {@code instant}: the time a test means to let pass, a time-out coming due. */
  static void awaitWallClockPast(Instant instant) {
    var wait = Duration.between(Instant.now(), instant);
    Awaitility.await().atMost((wait.isNegative() ? Duration.ZERO : wait).plusSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> Instant.now().isAfter(instant));
  }

  /** Produces a command in Avro (the Confluent wire format, the runtime's registry), keyed by its execution ARN. */
  void sendAvro(StepfoldRuntime runtime, CommandRecord command) throws Exception {
    var topic = runtime.topics().commands().name();
    producer.send(new ProducerRecord<>(topic, command.getExecutionArn(), runtime.topics().commands().valueSerde().serializer().serialize(topic, command)))
        .get();
  }

  void startExecution(String tenant, String executionArn, String stateMachineArn, String definition, String input) throws Exception {
    sendJson(tenant, executionArn, """
        {"requestId": "start-%s", "executionArn": "%s", "command": {"StartExecution": {
          "stateMachineArn": "%s", "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s,
          "input": %s}}}""".formatted(executionArn, executionArn, stateMachineArn, definition, input));
  }

  /** Reads a topic from its beginning, read_committed. */
  <V> Reader<V> reader(String topic, Deserializer<V> values) {
    return new Reader<>(new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values), topic);
  }

  Reader<HistoryEventRecord> history(StepfoldRuntime runtime) {
    return reader(runtime.topics().history().name(), runtime.topics().history().valueSerde().deserializer());
  }

  Reader<ReplyRecord> replies(StepfoldRuntime runtime) {
    return reader(runtime.topics().replies().name(), runtime.topics().replies().valueSerde().deserializer());
  }

  @Override
  public void close() {
    producer.close();
    registry.close();
    kafka.close();
  }

  /** The records of a topic, by key, in the order read; each partition from its beginning. */
  static final class Reader<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final Map<String, List<V>> byKey = new LinkedHashMap<>();

    Reader(KafkaConsumer<String, V> consumer, String topic) {
      this.consumer = consumer;
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds for what was read by key; fails after {@link #PATIENCE}. */
    Map<String, List<V>> readUntil(Predicate<Map<String, List<V>>> done) {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!done.test(byKey)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Expected the records read to reach a condition within " + PATIENCE + ", but they did not: " + byKey);
        }
        pollOnce(Duration.ofMillis(100));
      }
      return byKey;
    }

    /** Reads what more is there now: polls until a poll returns nothing. */
    Map<String, List<V>> readRest() {
      while (pollOnce(Duration.ofMillis(500)) > 0) {
        // reading
      }
      return byKey;
    }

    private int pollOnce(Duration timeout) {
      var records = consumer.poll(timeout);
      for (var record : records) {
        if (record.value() != null) {   // a tombstone: retention deleted the execution; what was read of it stays
          byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
      }
      return records.count();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
