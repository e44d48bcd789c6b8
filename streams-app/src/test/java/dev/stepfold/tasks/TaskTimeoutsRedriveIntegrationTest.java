package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import dev.stepfold.worker.TaskHandler;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * A task's time-outs and the redrive after each, on a real broker, as {@code shared/spec/redrive-semantics.md} has them:
 * the task of a Kafka worker past its {@code TimeoutSeconds} (R26) and one whose worker stops heartbeating (Q7), and an
 * HTTP task past its {@code TimeoutSeconds} (R26). Each attempt ends with {@code States.Timeout}; the redrive schedules
 * the task anew with the full time-out (R26, Q7) and a new token (R30), so the old attempt's late answer changes nothing,
 * and the new one succeeds. (Activity tasks polled over the API: {@code ActivityApiTest}.)
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskTimeoutsRedriveIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> TIMED_OUT_THEN_REDRIVEN = List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
      "TaskTimedOut", "ExecutionFailed", "ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
      "TaskStateExited", "ExecutionSucceeded");

  private HttpRoutedApi running;
  private LoopbackEndpoint endpoint;
  private RunningApi api;
  private Executions executions;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    running = HttpRoutedApi.start(dataDir);
    endpoint = running.endpoint;
    api = running.api;
    executions = running.executions;
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void r26_aKafkaWorkersTaskPastItsTimeoutSecondsFailsWithStatesTimeoutAndARedriveRunsItAgainWithTheFullTimeout() throws Exception {
    var calls = new AtomicInteger();
    var lateAnswer = new CountDownLatch(1);
    var stateMachine = executions.stateMachine("pack", worker("pack", "\"TimeoutSeconds\": 2"));
    try (var worker = worker("pack", task -> {
      if (calls.incrementAndGet() == 1) {
        lateAnswer.await();
        return TaskResult.success("{\"late\": true}");
      }
      return TaskResult.success("{\"packed\": true}");
    }).start()) {
      assertThat(worker.awaitReady(RunningApi.PATIENCE)).isTrue();
      var failed = executions.run(stateMachine, "{}", ExecutionStatus.FAILED);
      executions.assertFailed(failed, "States.Timeout");
      lateAnswer.countDown();   // answered with the first attempt's token: refused, no event (R30)

      var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

      assertThat(MAPPER.readTree(redriven.output()).path("Payload")).isEqualTo(MAPPER.readTree("{\"packed\": true}"));
      var history = executions.history(failed.executionArn());
      assertThat(types(history)).containsExactlyElementsOf(TIMED_OUT_THEN_REDRIVEN);
      assertThat(timedOut(history)).isEqualTo("States.Timeout");
      assertThat(history).filteredOn(event -> event.typeAsString().equals("TaskScheduled"))
          .extracting(event -> event.taskScheduledEventDetails().timeoutInSeconds()).as("the full TimeoutSeconds again").containsExactly(2L, 2L);
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void q7_aKafkaWorkersTaskWhoseWorkerStopsHeartbeatingFailsWithStatesTimeoutAndARedriveRunsItAgainWithTheFullHeartbeat() throws Exception {
    var stateMachine = executions.stateMachine("beat", worker("beat", "\"HeartbeatSeconds\": 2, \"TimeoutSeconds\": 120"));
    var taken = new CountDownLatch(1);
    var silent = worker("beat", task -> {
      taken.countDown();
      Thread.sleep(300_000);   // its worker is closed meanwhile: the heartbeats stop
      return TaskResult.success("{}");
    }).closeTimeout(Duration.ofMillis(200)).start();
    String executionArn;
    try {
      executionArn = executions.start(stateMachine, "{}");
      assertThat(taken.await(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      silent.close();
    }
    var failed = executions.await(executionArn, ExecutionStatus.FAILED);
    executions.assertFailed(failed, "States.Timeout");

    // the next worker of the group takes the uncommitted task of the first attempt too: its answer is refused (R30)
    try (var next = worker("beat", task -> TaskResult.success("{\"beating\": true}")).start()) {
      var redriven = executions.redrive(executionArn, ExecutionStatus.SUCCEEDED);

      assertThat(MAPPER.readTree(redriven.output()).path("Payload")).isEqualTo(MAPPER.readTree("{\"beating\": true}"));
      var history = executions.history(executionArn);
      assertThat(types(history)).containsExactlyElementsOf(TIMED_OUT_THEN_REDRIVEN);
      assertThat(timedOut(history)).isEqualTo("States.Timeout");
      assertThat(history).filteredOn(event -> event.typeAsString().equals("TaskScheduled"))
          .extracting(event -> event.taskScheduledEventDetails().heartbeatInSeconds()).as("the full HeartbeatSeconds again").containsExactly(2L, 2L);
    }
  }

  @Test
  void r26_anHttpTaskPastItsTimeoutSecondsFailsWithStatesTimeoutAndARedriveCallsAgain() throws Exception {
    endpoint.hold("/report");
    var stateMachine = executions.stateMachine("report", """
        {"StartAt": "Report", "States": {"Report": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "TimeoutSeconds": 2, "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}}}}""".formatted(endpoint.url("/report")));
    var failed = executions.run(stateMachine, "{}", ExecutionStatus.FAILED);
    executions.assertFailed(failed, "States.Timeout");

    endpoint.script("/report", LoopbackEndpoint.Answer.json(200, "{\"reported\": true}"));
    var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

    assertThat(MAPPER.readTree(redriven.output()).path("ResponseBody")).isEqualTo(MAPPER.readTree("{\"reported\": true}"));
    var history = executions.history(failed.executionArn());
    // the first attempt ends by the task's time-out (TaskTimedOut) or, a moment earlier, by the runner's request time-out
    // (TaskFailed), both States.Timeout: whichever the engine hears of first
    var firstEnd = history.get(4);
    assertThat(firstEnd.typeAsString()).isIn("TaskTimedOut", "TaskFailed");
    assertThat(firstEnd.taskTimedOutEventDetails() != null ? firstEnd.taskTimedOutEventDetails().error() : firstEnd.taskFailedEventDetails().error())
        .isEqualTo("States.Timeout");
    assertThat(types(history).subList(5, history.size())).containsExactlyElementsOf(TIMED_OUT_THEN_REDRIVEN.subList(5, TIMED_OUT_THEN_REDRIVEN.size()));
    assertThat(history).filteredOn(event -> event.typeAsString().equals("TaskScheduled"))
        .extracting(event -> event.taskScheduledEventDetails().timeoutInSeconds()).containsExactly(2L, 2L);
    assertThat(endpoint.requests("/report")).as("called once per attempt").hasSize(2);
  }

  /** A {@code lambda:invoke} of {@code function}, for a Kafka worker, with {@code timeouts} on the Task state. */
  private static String worker(String function, String timeouts) {
    return """
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", %s, "End": true,
          "Parameters": {"FunctionName": "%s", "Payload.$": "$"}}}}""".formatted(timeouts, function);
  }

  /** A Kafka worker of {@code function}, in that function's group. */
  private TaskWorker.Builder worker(String function, TaskHandler handler) {
    var runtime = api.runtime();
    return TaskWorker.builder().bootstrapServers(runtime.bootstrapServers()).schemaRegistryUrl(runtime.schemaRegistryUrl())
        .name(function + "-worker").resources(function).handler(handler);
  }

  private static List<String> types(List<HistoryEvent> history) {
    return history.stream().map(HistoryEvent::typeAsString).toList();
  }

  private static String timedOut(List<HistoryEvent> history) {
    return history.stream().filter(event -> event.typeAsString().equals("TaskTimedOut")).findFirst().orElseThrow()
        .taskTimedOutEventDetails().error();
  }
}
