package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.worker.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime and Kafka-native task workers on a real broker (KRaft, in this JVM), exactly-once on. The tests share
 * the broker; each has its own topics and application id.
 */
@Timeout(180)
class RuntimeWithWorkersIntegrationTest {
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
  void shouldRunAWaitAndAWorkerTaskThatIsRetriedAfterItsFirstAttemptFails() throws Exception {
    var tenant = "retry";
    var definition = """
        {"StartAt": "Pause", "States": {
          "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Charge"},
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60,
            "Parameters": {"FunctionName": "charge-card", "Payload.$": "$"}, "ResultSelector": {"charged.$": "$.Payload.charged"},
            "ResultPath": "$.charge",
            "Retry": [{"ErrorEquals": ["PaymentBusy"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1.0}],
            "End": true}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var execution = stateMachine.execution("order-42").value();
    var attempts = new AtomicInteger();
    var tokens = new ConcurrentLinkedQueue<String>();
    try (var runtime = broker.runtime(tenant, Map.of());
        var worker = broker.worker(tenant, task -> {
          tokens.add(task.taskToken());
          return attempts.incrementAndGet() == 1
              ? TaskResult.failure("PaymentBusy", "the payment service is busy")
              : TaskResult.success("{\"charged\": " + task.input().path("amount") + "}");
        }).resources("charge-card").start();
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      broker.startExecution(tenant, execution, stateMachine.value(), definition, "{\"amount\": 42}");

      var events = history.readUntil(read -> closed(read.get(execution))).get(execution);
      assertThat(events).extracting(event -> event.getType().name()).containsExactly(
          "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "TaskStateEntered",
          "TaskScheduled", "TaskStarted", "TaskFailed",
          "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
      assertThat(events.get(events.size() - 1).getDetails().toString()).contains("{\\\"amount\\\":42,\\\"charge\\\":{\\\"charged\\\":42}}");
      assertThat(attempts).hasValue(2);

      // a late answer to the failed attempt is refused, and changes nothing
      broker.sendJson(tenant, execution, """
          {"requestId": "late-answer", "executionArn": "%s", "command": {"SendTaskSuccess": {"taskToken": "%s", "output": {}}}}"""
          .formatted(execution, tokens.peek()));
      var reply = replies.readUntil(read -> read.getOrDefault(execution, List.of()).stream()
          .anyMatch(r -> r.getRequestId().equals("late-answer"))).get(execution).stream()
          .filter(r -> r.getRequestId().equals("late-answer")).findFirst().orElseThrow();
      assertThat(reply.getOutcome()).isInstanceOfSatisfying(RejectedReply.class,
          rejected -> assertThat(rejected.getErrorType()).isEqualTo("TaskTimedOut"));
      assertThat(history.readRest().get(execution)).hasSize(12);
    }
  }

  private static boolean closed(List<HistoryEventRecord> events) {
    return events != null && events.stream().anyMatch(event -> switch (event.getType().name()) {
      case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
      default -> false;
    });
  }
}
