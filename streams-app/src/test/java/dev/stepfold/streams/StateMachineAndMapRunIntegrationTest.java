package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with exactly-once on, one runtime for the class: a state machine created by a JSON command reaches
 * the global store, an execution that names only its ARN runs it, and its Distributed Map runs its children on their
 * own keys across partitions and reports back; a Distributed Map that failed is redriven and reruns only the children
 * that did not succeed.
 */
class StateMachineAndMapRunIntegrationTest {
  private static final int ITEMS = 12;
  private static final String DEFINITION = """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 3,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "Wrap", "States": {"Wrap": {"Type": "Pass", "Parameters": {"item.$": "$"}, "End": true}}},
        "End": true}}}""";

  @TempDir
  static Path dataDir;
  private static StepfoldRuntime runtime;

  @BeforeAll
  static void startRuntime() throws Exception {
    runtime = StepfoldRuntime.start(StepfoldConfig.of(Map.of(
        StepfoldConfig.DATA_DIR, dataDir.toString(),
        StepfoldConfig.EMBEDDED_KAFKA_PORT, "0",
        StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0",
        StepfoldConfig.TOPIC_PARTITIONS, "3",
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-it-machines",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)));
    assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
  }

  @AfterEach
  void checkEveryExecution() {
    StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
  }

  @AfterAll
  static void stopRuntime() {
    runtime.close();
  }

  @Test
  @Timeout(120)
  void shouldRunADistributedMapOfAStateMachineCreatedByCommand() throws Exception {
    var topics = runtime.topics();
    var stateMachine = ArnFormat.DEFAULT.stateMachine("batches");
    var execution = stateMachine.execution("batch-1");
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(), new ByteArraySerializer());
        var replies = StepfoldRuntimeIntegrationTest.consumer(runtime, topics.replies().name(), topics.replies().valueSerde().deserializer());
        var history = StepfoldRuntimeIntegrationTest.consumer(runtime, topics.history().name(), topics.history().valueSerde().deserializer())) {
      var create = """
          {"requestId": "create-1", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "batches",
            "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s}}}""".formatted(stateMachine, DEFINITION);
      producer.send(new ProducerRecord<>(topics.commands().name(), stateMachine.value(), bytes(create))).get();
      var answers = new HashMap<String, ReplyRecord>();
      assertThat(awaitReply(replies, answers, "create-1").getOutcome()).isInstanceOf(AcceptedReply.class);

      // The global store follows the state-machines topic a moment behind the reply: start until it is found.
      var items = IntStream.range(0, ITEMS).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
      ReplyRecord started;
      var attempt = 0;
      do {
        var requestId = "start-" + ++attempt;
        var start = """
            {"requestId": "%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": %s}}}"""
            .formatted(requestId, execution, stateMachine, items);
        producer.send(new ProducerRecord<>(topics.commands().name(), execution.value(), bytes(start))).get();
        started = awaitReply(replies, answers, requestId);
      } while (started.getOutcome() instanceof RejectedReply rejected && rejected.getErrorType().equals("StateMachineDoesNotExist")
          && attempt < 50);
      assertThat(started.getOutcome()).isInstanceOf(AcceptedReply.class);

      String output = null;
      var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (output == null && System.nanoTime() < deadline) {
        for (var record : history.poll(Duration.ofMillis(200))) {
          if (record.key().equals(execution.value()) && record.value().getType().name().equals("ExecutionSucceeded")) {
            output = new ObjectMapper().readTree(record.value().getDetails().toString()).get("output").asText();
          }
        }
      }
      var expected = IntStream.range(0, ITEMS).mapToObj(i -> "{\"item\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
      assertThat(output).isEqualTo(expected);
    }
  }

  @Test
  @Timeout(120)
  void R42_R48_shouldRedriveAFailedDistributedMapSoThatOnlyTheChildrenThatDidNotSucceedRunAgain() throws Exception {
    var topics = runtime.topics();
    var codec = AvroCodec.parsingDefinitions();
    var definition = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}""";
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("flaky");
    var execution = stateMachine.execution("flaky-1");
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(), topics.commands().valueSerde().serializer());
        var tasks = StepfoldRuntimeIntegrationTest.consumer(runtime, topics.tasks().name(), topics.tasks().valueSerde().deserializer());
        var replies = StepfoldRuntimeIntegrationTest.consumer(runtime, topics.replies().name(), topics.replies().valueSerde().deserializer());
        var history = StepfoldRuntimeIntegrationTest.consumer(runtime, topics.history().name(), topics.history().valueSerde().deserializer())) {
      var failing = new HashSet<>(Set.of(2));
      var successes = new HashMap<String, Integer>();
      Consumer<Command> send = command -> {
        var record = codec.avro(command);
        producer.send(new ProducerRecord<>(topics.commands().name(), record.getExecutionArn(), record));
      };
      Function<String, String> answerTasksUntil = closingType -> {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
          for (var task : tasks.poll(Duration.ofMillis(100))) {
            int item = Integer.parseInt(task.value().getPayload().trim());
            var child = new ExecutionArn(task.value().getExecutionArn());
            var token = new TaskToken(task.value().getTaskToken());
            var requestId = "answer-" + task.offset() + "-" + task.partition();
            if (failing.contains(item)) {
              send.accept(new Command.SendTaskFailure(requestId, child, token, Optional.of("Item.Broken"), Optional.of("item " + item)));
            } else {
              successes.put(requestId, item);
              send.accept(new Command.SendTaskSuccess(requestId, child, token, String.valueOf(item * 10)));
            }
          }
          for (var record : history.poll(Duration.ofMillis(100))) {
            if (record.key().equals(execution.value()) && record.value().getType().name().equals(closingType)) {
              return record.value().getDetails().toString();
            }
          }
        }
        throw new AssertionError("Expected " + closingType + " of " + execution + " within a minute, but it did not come");
      };

      send.accept(new Command.StartExecution("start", execution, stateMachine, ExecutionType.STANDARD, parsed.definition(),
          "[0, 1, 2, 3, 4, 5]", "arn:aws:iam::111111111111:role/stepfold"));
      answerTasksUntil.apply("ExecutionFailed");
      failing.clear();
      send.accept(new Command.RedriveExecution("redrive", execution, Optional.empty()));
      var succeeded = answerTasksUntil.apply("ExecutionSucceeded");

      assertThat(new ObjectMapper().readTree(succeeded).get("output").asText()).isEqualTo("[0,10,20,30,40,50]");
      var answers = new HashMap<String, ReplyRecord>();
      successes.keySet().forEach(requestId -> awaitReply(replies, answers, requestId));
      var itemsSucceeded = successes.entrySet().stream()
          .filter(answer -> answers.get(answer.getKey()).getOutcome() instanceof AcceptedReply).map(Map.Entry::getValue).toList();
      assertThat(itemsSucceeded).as("R48: every item's task succeeded once, across the run and its redrive")
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }
  }

  private static ReplyRecord awaitReply(KafkaConsumer<String, ReplyRecord> replies, Map<String, ReplyRecord> seen, String requestId) {
    var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!seen.containsKey(requestId) && System.nanoTime() < deadline) {
      for (var record : replies.poll(Duration.ofMillis(200))) {
        seen.put(record.value().getRequestId(), record.value());
      }
    }
    assertThat(seen).as("replies").containsKey(requestId);
    return seen.get(requestId);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
