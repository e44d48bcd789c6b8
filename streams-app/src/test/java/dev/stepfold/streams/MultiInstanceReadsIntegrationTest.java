package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.history.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtime instances in this JVM on one real broker (KRaft, exactly-once), each with its own state directory and
 * read endpoint: a read for an execution the other instance owns is forwarded to it, and ListExecutions gathers both.
 */
class MultiInstanceReadsIntegrationTest {
  private static final String DEFINITION = """
      {"StartAt": "Price", "States": {
        "Price": {"Type": "Pass", "Result": 42, "ResultPath": "$.price", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}""";
  private static final int EXECUTIONS = 8;

  @TempDir
  Path first;
  @TempDir
  Path second;

  @Test
  @Timeout(180)
  void shouldForwardReadsToTheOwnerAndListExecutionsOfBothInstances() throws Exception {
    var common = Map.of(
        StepfoldConfig.TOPIC_PARTITIONS, "4",
        StepfoldConfig.READS_PORT, "0",
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-reads-it",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    var firstConfig = StepfoldConfig.of(common).with(Map.of(
        StepfoldConfig.DATA_DIR, first.toString(), StepfoldConfig.EMBEDDED_KAFKA_PORT, "0", StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0"));
    try (var one = StepfoldRuntime.start(firstConfig);
        var two = StepfoldRuntime.start(StepfoldConfig.of(common).with(Map.of(
            StepfoldConfig.DATA_DIR, second.toString(),
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, one.bootstrapServers(),
            StepfoldConfig.SCHEMA_REGISTRY_URL, one.schemaRegistryUrl())))) {
      assertThat(one.awaitRunning(Duration.ofSeconds(90))).isTrue();
      assertThat(two.awaitRunning(Duration.ofSeconds(90))).isTrue();
      var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
      var executions = new ArrayList<ExecutionArn>();
      try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, one.bootstrapServers()),
          new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < EXECUTIONS; i++) {
          var execution = stateMachine.execution("order-" + i);
          executions.add(execution);
          var start = """
              {"requestId": "start-%d", "executionArn": "%s", "command": {"StartExecution": {
                "stateMachineArn": "%s", "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s, "input": {"n": %d}}}}"""
              .formatted(i, execution.value(), stateMachine.value(), DEFINITION, i);
          producer.send(new ProducerRecord<>(one.topics().commands().name(), execution.value(), start.getBytes(StandardCharsets.UTF_8))).get();
        }
      }

      // each instance owns some executions once the group has settled
      var ownedByTwo = eventually(() -> ownedBy(two, executions), owned -> !owned.isEmpty() && owned.size() < EXECUTIONS);
      var ownedByOne = executions.stream().filter(execution -> !ownedByTwo.contains(execution)).toList();
      for (var execution : executions) {
        eventually(() -> one.queries().describeExecution(execution.value()).summary().status(), status -> status == ExecutionStatus.SUCCEEDED);
      }

      // a read through the instance that does not own the execution
      for (var pair : List.of(new Object[] {one, ownedByTwo.get(0)}, new Object[] {two, ownedByOne.get(0)})) {
        var reader = (StepfoldRuntime) pair[0];
        var execution = (ExecutionArn) pair[1];
        var description = reader.queries().describeExecution(execution.value());
        assertThat(description.summary().executionArn()).isEqualTo(execution);
        assertThat(description.summary().output().orElseThrow().path("price").asInt()).isEqualTo(42);
        assertThat(description.redriveStatus().redriveStatusReason()).contains("Execution is SUCCEEDED and cannot be redriven");
        assertThat(historyTypes(reader, execution)).containsExactly(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
      }

      // ListExecutions gathers both instances, newest first, page by page through either of them
      for (var reader : List.of(one, two)) {
        var listed = new ArrayList<ExecutionSummary>();
        var token = Optional.<String>empty();
        do {
          var page = reader.queries().listExecutions(new ListExecutionsRequest(stateMachine.value(), Optional.empty(), Optional.empty(), 3, token));
          listed.addAll(page.executions());
          token = page.nextToken();
        } while (token.isPresent());
        assertThat(listed).extracting(ExecutionSummary::executionArn).containsExactlyInAnyOrderElementsOf(executions);
        assertThat(listed).extracting(ExecutionSummary::startDate).isSortedAccordingTo((a, b) -> b.compareTo(a));
      }
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(one, two);
    }
  }

  /** The executions the instance owns, by the metadata of Kafka Streams. */
  private static List<ExecutionArn> ownedBy(StepfoldRuntime runtime, List<ExecutionArn> executions) {
    var owned = new ArrayList<ExecutionArn>();
    for (var execution : executions) {
      var metadata = runtime.streams().queryMetadataForKey(StepfoldTopology.EXECUTIONS_STORE, execution.value(), Serdes.String().serializer());
      if (runtime.applicationServer().equals(metadata.activeHost())) {
        owned.add(execution);
      }
    }
    return owned;
  }

  /** The history's event types, read two events a page. */
  private static List<String> historyTypes(StepfoldRuntime reader, ExecutionArn execution) {
    var types = new ArrayList<String>();
    var token = Optional.<String>empty();
    do {
      var page = reader.queries().getExecutionHistory(execution.value(), 2, token, false);
      assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
      page.events().stream().map(HistoryEvent::type).forEach(type -> types.add(type.awsName()));
      token = page.nextToken();
    } while (token.isPresent());
    return types;
  }

  private static <T> T eventually(Supplier<T> read, Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    T last = null;
    RuntimeException failure = null;
    while (System.nanoTime() < deadline) {
      try {
        last = read.get();
        failure = null;
        if (done.test(last)) {
          return last;
        }
      } catch (ReadFailure e) {
        failure = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Expected the read to come true within 60 s, but it last gave " + last, failure);
  }
}
