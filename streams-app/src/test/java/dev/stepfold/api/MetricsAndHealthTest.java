package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code /metrics} and {@code /health/*} of a running stepfold after a known workload: executions that succeed, fail
 * (and are redriven), are stopped and time out, an activity task answered, timers fired; the counters by state machine,
 * the latencies, and the Kafka Streams and client metrics of the binders.
 */
@Timeout(300)
class MetricsAndHealthTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of());
    sfn = api.client();
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldBeLiveAndReadyOnceTheTopologyRuns() throws Exception {
    var live = get("/health/live");
    var ready = get("/health/ready");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"topology\":\"RUNNING\"}");
  }

  @Test
  void shouldCountWhatAKnownWorkloadDid() throws Exception {
    var passing = stateMachine("passing", """
        {"StartAt": "One", "States": {"One": {"Type": "Pass", "Next": "Two"}, "Two": {"Type": "Pass", "End": true}}}""");
    var failing = stateMachine("failing", """
        {"StartAt": "Broken", "States": {"Broken": {"Type": "Fail", "Error": "Broken.Always", "Cause": "it always fails"}}}""");
    var waiting = stateMachine("waiting", """
        {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
    var hurried = stateMachine("hurried", """
        {"TimeoutSeconds": 1, "StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
    var activity = sfn.createActivity(r -> r.name("answered")).activityArn();
    var working = stateMachine("working", """
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));

    for (var name : new String[] {"p-1", "p-2", "p-3"}) {
      awaitStatus(sfn, start(passing, name), ExecutionStatus.SUCCEEDED);
    }
    var failed = start(failing, "f-1");
    awaitStatus(sfn, failed, ExecutionStatus.FAILED);
    awaitStatus(sfn, start(failing, "f-2"), ExecutionStatus.FAILED);
    sfn.redriveExecution(r -> r.executionArn(failed));
    awaitRedriveToFail(failed);
    var stopped = start(waiting, "w-1");
    sfn.stopExecution(r -> r.executionArn(stopped));
    awaitStatus(sfn, stopped, ExecutionStatus.ABORTED);
    awaitStatus(sfn, start(hurried, "h-1"), ExecutionStatus.TIMED_OUT);
    var worked = start(working, "t-1");
    while (true) {
      var task = sfn.getActivityTask(r -> r.activityArn(activity));
      if (task.taskToken() != null) {
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{\"done\": true}"));
        break;
      }
    }
    awaitStatus(sfn, worked, ExecutionStatus.SUCCEEDED);

    var scrape = get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    var metrics = scrape.body();
    assertThat(value(metrics, "stepfold_executions_started_total", "state_machine=\"passing\"")).isEqualTo(3);
    assertThat(value(metrics, "stepfold_executions_closed_total", "state_machine=\"passing\"", "status=\"SUCCEEDED\"")).isEqualTo(3);
    assertThat(value(metrics, "stepfold_state_transitions_total", "state_machine=\"passing\"")).isEqualTo(6);
    assertThat(value(metrics, "stepfold_executions_started_total", "state_machine=\"failing\"")).isEqualTo(2);
    assertThat(value(metrics, "stepfold_executions_closed_total", "state_machine=\"failing\"", "status=\"FAILED\"")).isEqualTo(3);
    assertThat(value(metrics, "stepfold_executions_redriven_total", "state_machine=\"failing\"")).isEqualTo(1);
    assertThat(value(metrics, "stepfold_executions_closed_total", "state_machine=\"waiting\"", "status=\"ABORTED\"")).isEqualTo(1);
    assertThat(value(metrics, "stepfold_executions_closed_total", "state_machine=\"hurried\"", "status=\"TIMED_OUT\"")).isEqualTo(1);
    assertThat(value(metrics, "stepfold_executions_closed_total", "state_machine=\"working\"", "status=\"SUCCEEDED\"")).isEqualTo(1);
    assertThat(value(metrics, "stepfold_task_latency_seconds_count", "kind=\"activity\"", "outcome=\"succeeded\"")).isEqualTo(1);
    assertThat(value(metrics, "stepfold_timers_fired_total")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "stepfold_timers_lateness_seconds_count")).isEqualTo(value(metrics, "stepfold_timers_fired_total"));
    assertThat(value(metrics, "stepfold_dead_letters_total")).isZero();
    assertThat(metrics).contains("stepfold_timers_late_total", "stepfold_commands_forwarded_total");
    assertThat(value(metrics, "stepfold_api_command_reply_seconds_count")).isGreaterThanOrEqualTo(10);
    assertThat(metrics).as("Kafka Streams' and the API producer's own metrics").contains("kafka_stream_thread_", "kafka_producer_");
  }

  private static String stateMachine(String name, String definition) {
    return sfn.createStateMachine(r -> r.name(name).roleArn(ROLE).definition(definition)).stateMachineArn();
  }

  private static String start(String stateMachineArn, String name) {
    return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name)).executionArn();
  }

  private static void awaitRedriveToFail(String executionArn) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      var described = sfn.describeExecution(r -> r.executionArn(executionArn));
      if (described.redriveCount() == 1 && described.status() == ExecutionStatus.FAILED) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + executionArn + " to fail again once redriven, but it is " + described.status()
            + " after " + described.redriveCount() + " redrives");
      }
      SdkAssertions.pause();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(api.endpoint() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The sample of {@code name} whose labels include {@code labels}; the test fails when there is none. */
  private static double value(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Expected a sample of " + name + " with " + Arrays.toString(labels) + " in\n" + scrape));
  }
}
