package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.TaskDispatchRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime down past a task's {@code TimeoutSeconds}, on a real broker: the answers written while it was down are on
 * the commands topic when it comes back, and so are the time-outs' timers, due meanwhile. The answer written before its
 * time-out was due wins; the one written after it loses, and its task times out.
 */
class TimeoutsAfterDowntimeIntegrationTest {
  private static final String DEFINITION = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "charge-card"}, "TimeoutSeconds": 3, "End": true}}}""";

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
  void shouldLetTheEarlierOfAnAnswerAndATimeoutWinAfterTheRuntimeWasDownPastTheTimeout() throws Exception {
    var tenant = "downtime";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var inTime = stateMachine.execution("answered-in-time").value();
    var late = stateMachine.execution("answered-late").value();
    List<TaskDispatchRecord> tasks;
    Map<String, List<HistoryEventRecord>> scheduled;
    try (var runtime = broker.runtime(tenant, Map.of());
        var dispatched = broker.reader(runtime.topics().tasks().name(), runtime.topics().tasks().valueSerde().deserializer());
        var history = broker.history(runtime)) {
      broker.startExecution(tenant, inTime, stateMachine.value(), DEFINITION, "{}");
      broker.startExecution(tenant, late, stateMachine.value(), DEFINITION, "{}");
      var read = dispatched.readUntil(byKey -> byKey.containsKey(inTime) && byKey.containsKey(late));
      tasks = List.of(read.get(inTime).get(0), read.get(late).get(0));
      scheduled = history.readUntil(byKey -> scheduledAt(byKey.get(inTime)) != null && scheduledAt(byKey.get(late)) != null);
    }
    // down: the tasks' time-outs come due while the answers wait on the commands topic
    var inTimeDue = scheduledAt(scheduled.get(inTime)).plusSeconds(3);
    var lateDue = scheduledAt(scheduled.get(late)).plusSeconds(3);
    broker.sendJsonAt(tenant, inTime, answer("in-time", inTime, tasks.get(0).getTaskToken()), inTimeDue.minusSeconds(1));
    broker.sendJsonAt(tenant, late, answer("late", late, tasks.get(1).getTaskToken()), lateDue.plusSeconds(1));
    BrokerFixture.awaitWallClockPast(lateDue.plusSeconds(2).isAfter(inTimeDue) ? lateDue.plusSeconds(2) : inTimeDue.plusSeconds(2));

    try (var runtime = broker.runtime(tenant, Map.of());
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      var events = history.readUntil(byKey -> closed(byKey.get(inTime)) && closed(byKey.get(late)));

      assertThat(types(events.get(inTime))).doesNotContain("TaskTimedOut").endsWith("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
      assertThat(types(events.get(late))).doesNotContain("TaskSucceeded").endsWith("TaskTimedOut", "ExecutionFailed");
      var refused = replies.readUntil(byKey -> byKey.getOrDefault(late, List.of()).stream().anyMatch(r -> r.getRequestId().equals("late")))
          .get(late).stream().filter(r -> r.getRequestId().equals("late")).findFirst().orElseThrow();
      assertThat(refused.getOutcome()).isInstanceOfSatisfying(RejectedReply.class,
          rejected -> assertThat(rejected.getErrorType()).isEqualTo("TaskTimedOut"));
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  private static String answer(String requestId, String execution, String token) {
    return """
        {"requestId": "%s", "executionArn": "%s", "command": {"SendTaskSuccess": {"taskToken": "%s", "output": {"charged": true}}}}"""
        .formatted(requestId, execution, token);
  }

  /** When the execution's task was scheduled; null before. */
  private static Instant scheduledAt(List<HistoryEventRecord> events) {
    return events == null ? null
        : events.stream().filter(e -> e.getType().name().equals("TaskScheduled")).map(HistoryEventRecord::getTimestamp).findFirst().orElse(null);
  }

  private static boolean closed(List<HistoryEventRecord> events) {
    return events != null && events.stream().anyMatch(e -> e.getType().name().matches("Execution(Succeeded|Failed|TimedOut|Aborted)"));
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events.stream().map(e -> e.getType().name()).toList();
  }
}
