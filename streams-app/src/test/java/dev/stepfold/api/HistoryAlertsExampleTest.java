package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The README's example consumer of the history, {@code examples/history-alerts/HistoryAlerts.java}, run as the README
 * runs it (Java's source launcher, the application's class path) against a running stepfold: it prints one alert for
 * the execution that fails and none for the one that succeeds.
 */
@Timeout(300)
class HistoryAlertsExampleTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final Path EXAMPLE = Path.of("..", "examples", "history-alerts", "HistoryAlerts.java");

  @TempDir
  Path dataDir;

  @Test
  void shouldAlertOnTheExecutionThatFailsAndOnNoOther() throws Exception {
    assertThat(EXAMPLE).exists();
    try (var api = RunningApi.start(dataDir, Map.of()); var sfn = api.client()) {
      var runtime = api.runtime();
      var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      var alerter = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EXAMPLE.toString(),
          runtime.bootstrapServers(), runtime.schemaRegistryUrl()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        var lines = new LinkedBlockingQueue<String>();
        var reader = new Thread(() -> readLines(alerter, lines), "history-alerts-output");
        reader.setDaemon(true);
        reader.start();

        var failing = sfn.createStateMachine(r -> r.name("alerting").roleArn(ROLE).definition("""
            {"StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true,
              "Next": "Done"}], "Default": "Broken"}, "Done": {"Type": "Succeed"},
              "Broken": {"Type": "Fail", "Error": "Order.Broken", "Cause": "the order cannot be shipped"}}}""")).stateMachineArn();
        var fine = sfn.startExecution(r -> r.stateMachineArn(failing).name("fine").input("{\"ok\": true}")).executionArn();
        var broken = sfn.startExecution(r -> r.stateMachineArn(failing).name("broken").input("{\"ok\": false}")).executionArn();
        SdkAssertions.awaitStatus(sfn, fine, ExecutionStatus.SUCCEEDED);
        SdkAssertions.awaitStatus(sfn, broken, ExecutionStatus.FAILED);

        assertThat(lines.poll(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first line the alerter prints")
            .isEqualTo("ALERT execution failed: " + broken + " error=Order.Broken cause=the order cannot be shipped");
      } finally {
        alerter.destroy();
        alerter.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void readLines(Process process, BlockingQueue<String> lines) {
    try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (var line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (java.io.IOException e) {
      lines.add("unreadable output: " + e.getMessage());
    }
  }
}
