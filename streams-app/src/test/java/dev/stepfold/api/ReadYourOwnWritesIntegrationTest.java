package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.ResolveStartExecutionCommand;
import dev.stepfold.streams.StepfoldConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/**
 * Read your own writes on a real broker (KRaft, exactly-once), with two instances of the runtime and an API on each: a
 * StartExecution sent to one instance the moment the other answered a CreateStateMachine, PublishStateMachineVersion or
 * CreateStateMachineAlias runs, and so does a JSON StartExecution produced the moment a JSON CreateStateMachine's reply
 * arrived. The second instance's global store is made to lag (its global consumer waits up to two seconds for data), as
 * a busy or distant instance's would: the starts it cannot complete yet go to the state machine's own key, and the test
 * counts how many did.
 */
@Timeout(600)
class ReadYourOwnWritesIntegrationTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final int ROUNDS = 30;

  @TempDir
  static Path first;
  @TempDir
  static Path second;
  static RunningApi one;
  static RunningApi two;
  static List<SfnClient> clients;

  @BeforeAll
  static void start() throws Exception {
    one = RunningApi.start(first, Map.of(StepfoldConfig.TOPIC_PARTITIONS, "4"));
    two = RunningApi.start(second, Map.of(
        StepfoldConfig.TOPIC_PARTITIONS, "4",
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, one.runtime().bootstrapServers(),
        StepfoldConfig.SCHEMA_REGISTRY_URL, one.runtime().schemaRegistryUrl(),
        StreamsConfig.GLOBAL_CONSUMER_PREFIX + ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "10000000",
        StreamsConfig.GLOBAL_CONSUMER_PREFIX + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "2000"));
    clients = List.of(one.client(), two.client());
    // the group settles with both instances: each then owns some partitions, so writes and starts cross instances
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (one.runtime().streams().metadataForLocalThreads().stream().allMatch(thread -> thread.activeTasks().isEmpty())
        || two.runtime().streams().metadataForLocalThreads().stream().allMatch(thread -> thread.activeTasks().isEmpty())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected both instances to own partitions");
      }
      SdkAssertions.pause();
    }
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.forEach(SfnClient::close);
    }
    if (two != null) {
      two.close();
    }
    if (one != null) {
      one.close();
    }
  }

  @Test
  void shouldStartThroughOneInstanceWhatTheOtherJustCreatedPublishedOrAliased() {
    var resolvesBefore = resolveCommands();
    var executions = new ArrayList<String>();
    var writer = clients.get(0);
    var starter = clients.get(1);
    for (int i = 0; i < ROUNDS; i++) {
      var name = "at-once-" + i;
      var created = writer.createStateMachine(r -> r.name(name).roleArn(ROLE).definition(making("latest")));
      executions.add(starter.startExecution(r -> r.stateMachineArn(created.stateMachineArn()).name("latest")).executionArn());

      var updated = writer.updateStateMachine(r -> r.stateMachineArn(created.stateMachineArn()).definition(making("version")));
      var version = writer.publishStateMachineVersion(r -> r.stateMachineArn(created.stateMachineArn()).revisionId(updated.revisionId()))
          .stateMachineVersionArn();
      executions.add(starter.startExecution(r -> r.stateMachineArn(version).name("version")).executionArn());

      var alias = writer.createStateMachineAlias(r -> r.name("live").routingConfiguration(RoutingConfigurationListItem.builder()
          .stateMachineVersionArn(version).weight(100).build())).stateMachineAliasArn();
      executions.add(starter.startExecution(r -> r.stateMachineArn(alias).name("alias")).executionArn());
    }

    for (var execution : executions) {
      var described = awaitStatus(clients.get(0), execution, ExecutionStatus.SUCCEEDED);
      assertThat(described.output()).contains(execution.endsWith(":latest") ? "\"made\":\"latest\"" : "\"made\":\"version\"");
      if (execution.endsWith(":alias")) {
        assertThat(described.stateMachineAliasArn()).endsWith(":live");
      }
    }
    long resolved = resolveCommands() - resolvesBefore;
    System.out.printf("API: %d starts, %d completed by the state machine's own key%n", executions.size(), resolved);
    assertThat(resolved).as("starts the lagging instance could not complete from its global store").isPositive();
  }

  @Test
  void shouldStartFromJsonCommandsWhatAJsonCommandJustCreated() throws Exception {
    var resolvesBefore = resolveCommands();
    var runtime = one.runtime();
    var commands = runtime.topics().commands().name();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        var replies = new Replies(runtime.bootstrapServers(), runtime.topics().replies().name(), runtime.topics().replies().valueSerde().deserializer())) {
      for (int i = 0; i < ROUNDS; i++) {
        var stateMachine = runtime.config().arnFormat().stateMachine("json-" + i);
        var execution = stateMachine.execution("right-after");
        producer.send(new ProducerRecord<>(commands, stateMachine.value(), """
            {"requestId": "json-create-%d", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "json-%d", "roleArn": "%s",
              "definition": %s}}}""".formatted(i, stateMachine, i, ROLE, making("json")).getBytes(StandardCharsets.UTF_8))).get();
        assertThat(replies.await("json-create-" + i).getOutcome()).isInstanceOf(AcceptedReply.class);
        producer.send(new ProducerRecord<>(commands, execution.value(), """
            {"requestId": "json-start-%d", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": {}}}}"""
            .formatted(i, execution, stateMachine).getBytes(StandardCharsets.UTF_8))).get();
        var started = replies.await("json-start-" + i).getOutcome();
        assertThat(started).as("the start right after the create of %s", stateMachine)
            .isInstanceOfSatisfying(AcceptedReply.class, accepted -> assertThat(accepted.getData()).contains(execution.value()));
      }
    }
    System.out.printf("JSON: %d starts, %d completed by the state machine's own key%n", ROUNDS, resolveCommands() - resolvesBefore);
  }

  /** How many ResolveStartExecution commands the commands topic holds so far. */
  private static long resolveCommands() {
    var runtime = one.runtime();
    var topic = runtime.topics().commands();
    long count = 0;
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null && record.value().length > 0 && record.value()[0] == 0) {
            CommandRecord command = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (command.getCommand() instanceof ResolveStartExecutionCommand) {
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  /** The replies topic from its end as it was when opened, read_committed, by request id. */
  private static final class Replies implements AutoCloseable {
    private final KafkaConsumer<String, ReplyRecord> consumer;
    private final Map<String, ReplyRecord> seen = new HashMap<>();

    Replies(String bootstrapServers, String topic, org.apache.kafka.common.serialization.Deserializer<ReplyRecord> values) {
      consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
          new StringDeserializer(), values);
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }

    ReplyRecord await(String requestId) {
      long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
      while (!seen.containsKey(requestId)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Expected a reply to " + requestId);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.put(record.value().getRequestId(), record.value()));
      }
      var reply = seen.get(requestId);
      if (reply.getOutcome() instanceof RejectedReply rejected) {
        throw new AssertionError("Expected " + requestId + " to be accepted, but it was refused: " + rejected.getErrorType() + " "
            + rejected.getMessage());
      }
      return reply;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static String making(String made) {
    return """
        {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "%s", "ResultPath": "$.made", "End": true}}}""".formatted(made);
  }
}
