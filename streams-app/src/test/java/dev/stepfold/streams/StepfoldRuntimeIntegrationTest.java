package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.TaskDispatchRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on a real broker it starts itself (KRaft, in this JVM), with exactly-once on. */
class StepfoldRuntimeIntegrationTest {
  private static final String DEFINITION = """
      {"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60,
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "ResultPath": "$.charge", "End": true}}}""";

  @TempDir
  Path dataDir;

  @Test
  @Timeout(120)
  void shouldRunAnExecutionWithAWaitAndATaskAnsweredByAWorker() throws Exception {
    var config = StepfoldConfig.of(Map.of(
        StepfoldConfig.DATA_DIR, dataDir.toString(),
        StepfoldConfig.EMBEDDED_KAFKA_PORT, "0",
        StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0",
        StepfoldConfig.TOPIC_PARTITIONS, "2",
        StepfoldConfig.TIMERS_INTERVAL_MS, "100",
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-it",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
    try (var runtime = StepfoldRuntime.start(config)) {
      assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
      var topics = runtime.topics();
      var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
      var execution = stateMachine.execution("it-1");
      var codec = AvroCodec.parsingDefinitions();

      try (var producer = new KafkaProducer<>(Map.<String, Object>of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
              new StringSerializer(), new ByteArraySerializer());
          var tasks = consumer(runtime, topics.tasks().name(), topics.tasks().valueSerde().deserializer());
          var history = consumer(runtime, topics.history().name(), topics.history().valueSerde().deserializer())) {
        var start = """
            {"requestId": "start-1", "executionArn": "%s", "command": {"StartExecution": {
              "stateMachineArn": "%s", "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s,
              "input": {"amount": 42}}}}""".formatted(execution.value(), stateMachine.value(), DEFINITION);
        producer.send(new ProducerRecord<>(topics.commands().name(), execution.value(), start.getBytes(StandardCharsets.UTF_8))).get();

        TaskDispatchRecord task = pollOne(tasks, Duration.ofSeconds(60));
        assertThat(task.getExecutionArn()).isEqualTo(execution.value());
        assertThat(task.getPayload()).isEqualTo("{\"FunctionName\":\"charge\",\"Payload\":{\"amount\":42}}");

        // the worker answers through the commands topic, in Avro
        var success = new Command.SendTaskSuccess("worker-1", execution, new TaskToken(task.getTaskToken()), "{\"Payload\": \"charged\"}");
        byte[] answer = topics.commands().valueSerde().serializer().serialize(topics.commands().name(), codec.avro(success));
        producer.send(new ProducerRecord<>(topics.commands().name(), execution.value(), answer)).get();

        var types = new ArrayList<String>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!types.contains("ExecutionSucceeded") && System.nanoTime() < deadline) {
          for (var record : history.poll(Duration.ofMillis(200))) {
            assertThat(record.key()).isEqualTo(execution.value());
            types.add(record.value().getType().name());
          }
        }
        assertThat(types).containsExactly(
            "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
            "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
      }
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  /** A read-committed consumer of every partition of the topic, from the beginning. */
  static <V> KafkaConsumer<String, V> consumer(StepfoldRuntime runtime, String topic, Deserializer<V> values) {
    var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static <V> V pollOne(KafkaConsumer<String, V> consumer, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        return record.value();
      }
    }
    throw new AssertionError("Expected a record within " + timeout + ", but none came");
  }
}
