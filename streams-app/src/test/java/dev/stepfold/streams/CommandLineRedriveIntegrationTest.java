package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.cli.Main;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.worker.TaskResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redrive commands of the command line against a running stepfold on a real broker (three partitions,
 * exactly-once): the plan of a failed Parallel read from the history topic, the redrive and its reply, a refused second
 * redrive, and a bulk redrive whose command line, run again, answers with the same report.
 */
@Timeout(180)
class CommandLineRedriveIntegrationTest {
  private static final String TENANT = "cli";
  private static final String FULFILMENT = """
      {"StartAt": "Fulfil", "States": {"Fulfil": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "Result": {"packed": true}, "End": true}}},
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}]}}}""";

  @TempDir
  Path dataDir;

  @Test
  void shouldShowThePlanRedriveThenRefuseTheRunningExecutionAndRedriveTheRestInBulk() throws Exception {
    var stateMachine = ArnFormat.DEFAULT.stateMachine("fulfilment");
    var first = stateMachine.execution("order-1");
    var second = stateMachine.execution("order-2");
    try (var broker = BrokerFixture.start(dataDir);
        var runtime = broker.runtime(TENANT, Map.of());
        var history = broker.history(runtime)) {
      var connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", broker.registryUrl(),
          "--topic-prefix", TENANT + "."};
      try (var charger = broker.worker(TENANT, task -> TaskResult.failure("Payments.Down", "the payment service is down"))
          .resources("charge").start()) {
        assertThat(charger.awaitReady(BrokerFixture.PATIENCE)).isTrue();
        for (var execution : List.of(first, second)) {
          broker.startExecution(TENANT, execution.value(), stateMachine.value(), FULFILMENT, "{\"order\": 42}");
        }
        history.readUntil(read -> failed(read.get(first.value())) && failed(read.get(second.value())));
      }
      // no worker from here on: a redriven execution waits in its Charge task, RUNNING

      var plan = execute(connection, "redrive-plan", first.value());
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out()).contains(
          "Execution " + first + " is redrivable. A redrive would run again:",
          "  Parallel state \"Fulfil\" with input {\"order\":42}",
          "    branch 0: keeps its result",
          "    branch 1: runs again",
          "      Task state \"Charge\" with input {\"order\":42}");
      var json = new ObjectMapper().readTree(execute(connection, "redrive-plan", first.value(), "--json").out());
      assertThat(json.at("/reruns/0/branches/1/rerun/stateName").asText()).isEqualTo("Charge");
      assertThat(json.at("/reruns/0/branches/0/keepsResult").asBoolean()).isTrue();

      var redrive = execute(connection, "redrive", first.value(), "--yes", "--client-token", "fixed-payments");
      assertThat(redrive.exitCode()).as(redrive.err()).isZero();
      assertThat(redrive.out()).contains("branch 1: runs again").contains("Redriven at ");

      var again = execute(connection, "redrive", first.value(), "--yes");
      assertThat(again.exitCode()).as(again.out()).isEqualTo(1);
      assertThat(again.out()).contains("is not redrivable");
      assertThat(again.err()).contains("ExecutionNotRedrivable: ");

      var bulk = execute(connection, "bulk-redrive", stateMachine.value(), "--status", "FAILED", "--error", "Payments.Down");
      assertThat(bulk.exitCode()).as(bulk.err()).isZero();
      assertThat(bulk.out()).contains("Redriven: 1", "  " + second + " (redrive 1, at ").contains("Skipped: 0").doesNotContain(first.value());
      var bulkAgain = execute(connection, "bulk-redrive", stateMachine.value(), "--error", "Payments.Down", "--status", "FAILED");
      assertThat(bulkAgain.exitCode()).as(bulkAgain.err()).isZero();
      assertThat(bulkAgain.out()).as("the same command line, the same request id and report").isEqualTo(bulk.out());
      var events = history.readUntil(read -> redriven(read.get(second.value())));
      assertThat(events.get(second.value()).stream().filter(event -> event.getType().name().equals("ExecutionRedriven"))).hasSize(1);
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run execute(String[] connection, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int exitCode = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(Stream.concat(Stream.of(args), Stream.of(connection)).toArray(String[]::new));
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static boolean failed(List<HistoryEventRecord> events) {
    return events != null && events.stream().anyMatch(event -> event.getType().name().equals("ExecutionFailed"));
  }

  private static boolean redriven(List<HistoryEventRecord> events) {
    return events != null && events.stream().anyMatch(event -> event.getType().name().equals("ExecutionRedriven"));
  }
}
