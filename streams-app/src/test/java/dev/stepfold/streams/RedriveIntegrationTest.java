package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.worker.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redrive on a real broker, exactly-once on: a redrive command produced to the commands topic, in Avro and in JSON,
 * reruns only the failed branch of a Parallel (the other, a Pass, succeeded before the task was even dispatched); its
 * reply and {@code ExecutionRedriven} appear.
 */
@Timeout(180)
class RedriveIntegrationTest {
  private static final String TENANT = "redrive";
  private static final String DEFINITION = """
      {"StartAt": "Fulfil", "States": {"Fulfil": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "Result": {"packed": true}, "End": true}}},
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}]}}}""";

  @TempDir
  static Path dataDir;
  static BrokerFixture broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = BrokerFixture.start(dataDir);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldRerunOnlyTheFailedBranchWhenARedriveCommandComesInAvroOrJson() throws Exception {
    var stateMachine = ArnFormat.DEFAULT.stateMachine("fulfilment");
    var byAvro = stateMachine.execution("order-avro");
    var byJson = stateMachine.execution("order-json");
    var charges = new ConcurrentHashMap<String, AtomicInteger>();
    var chargeServiceUp = new java.util.concurrent.atomic.AtomicBoolean(false);
    try (var runtime = broker.runtime(TENANT, Map.of());
        var charger = broker.worker(TENANT, task -> {
          charges.computeIfAbsent(task.executionArn(), arn -> new AtomicInteger()).incrementAndGet();
          return chargeServiceUp.get() ? TaskResult.success("{\"charged\": 42}") : TaskResult.failure("Payments.Down", "the payment service is down");
        }).resources("charge").start();
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      assertThat(charger.awaitReady(BrokerFixture.PATIENCE)).isTrue();
      for (var execution : List.of(byAvro, byJson)) {
        broker.startExecution(TENANT, execution.value(), stateMachine.value(), DEFINITION, "{\"order\": 42}");
      }
      var failed = history.readUntil(read -> closedWith(read.get(byAvro.value()), 1) && closedWith(read.get(byJson.value()), 1));
      assertThat(lastType(failed.get(byAvro.value()))).isEqualTo("ExecutionFailed");
      assertThat(lastType(failed.get(byJson.value()))).isEqualTo("ExecutionFailed");

      chargeServiceUp.set(true);
      broker.sendAvro(runtime, AvroCodec.parsingDefinitions().avro(new Command.RedriveExecution("redrive-avro", byAvro, Optional.of("fixed-payments"))));
      broker.sendJson(TENANT, byJson.value(), """
          {"requestId": "redrive-json", "executionArn": "%s", "command": {"RedriveExecution": {"clientToken": "fixed-payments"}}}"""
          .formatted(byJson.value()));

      var redriven = history.readUntil(read -> closedWith(read.get(byAvro.value()), 2) && closedWith(read.get(byJson.value()), 2));
      for (var execution : List.of(byAvro, byJson)) {
        var events = redriven.get(execution.value());
        var types = events.stream().map(event -> event.getType().name()).toList();
        assertThat(types).as(execution.name()).contains("ExecutionRedriven").endsWith("ParallelStateSucceeded", "ParallelStateExited",
            "ExecutionSucceeded");
        var afterRedrive = types.subList(types.indexOf("ExecutionRedriven"), types.size());
        assertThat(afterRedrive).as("the succeeded branch is not run again").doesNotContain("PassStateEntered");
        assertThat(afterRedrive.stream().filter("TaskScheduled"::equals)).as("tasks scheduled by the redrive").hasSize(1);
        assertThat(events.get(events.size() - 1).getDetails().toString()).contains("[{\\\"packed\\\":true},{\\\"charged\\\":42}]");
        assertThat(charges.get(execution.value())).as("charging of " + execution.name()).hasValue(2);
      }

      var answers = replies.readUntil(read -> accepted(read, byAvro, "redrive-avro") && accepted(read, byJson, "redrive-json"));
      assertThat(answers.get(byAvro.value())).anySatisfy(reply -> assertThat(reply.getRequestId()).isEqualTo("redrive-avro"));
    }
  }

  private static boolean accepted(Map<String, List<ReplyRecord>> replies, ExecutionArn execution, String requestId) {
    return replies.getOrDefault(execution.value(), List.of()).stream()
        .anyMatch(reply -> reply.getRequestId().equals(requestId) && reply.getOutcome() instanceof AcceptedReply accepted
            && accepted.getData().contains("redriveDate"));
  }

  /** Whether the execution closed {@code times} times (each attempt ends with one close event). */
  private static boolean closedWith(List<HistoryEventRecord> events, int times) {
    return events != null && events.stream().filter(event -> switch (event.getType().name()) {
      case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
      default -> false;
    }).count() >= times;
  }

  private static String lastType(List<HistoryEventRecord> events) {
    return events.get(events.size() - 1).getType().name();
  }
}
