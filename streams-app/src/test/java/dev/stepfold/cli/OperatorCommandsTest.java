package dev.stepfold.cli;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Every command of the command line that talks to a running stepfold, against one (embedded broker and registry, the
 * runtime and its API): what each prints and the exit code a script gets.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String GREETING = """
      {"StartAt": "Hi", "States": {"Hi": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "End": true}}}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static String greetings;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of());
    sfn = api.client();
    greetings = sfn.createStateMachine(r -> r.name("greetings").roleArn(ROLE).definition(GREETING)).stateMachineArn();
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
  @Order(1)
  void shouldStartAnExecutionByTheStateMachinesNameAndPrintItsArn() throws Exception {
    var input = Files.writeString(dataDir.resolve("input.json"), "{\"who\": \"operator\"}");

    var started = execute("start", "greetings", "--name", "first", "--input", input.toString());

    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out()).isEqualTo(greetings.replace(":stateMachine:", ":execution:") + ":first\n");
    awaitStatus(sfn, started.out().strip(), ExecutionStatus.SUCCEEDED);
  }

  @Test
  @Order(2)
  void shouldDescribeAnExecutionOneFieldALine() throws Exception {
    var arn = execution("first");

    var described = execute("describe", arn);

    assertThat(described.exitCode()).as(described.err()).isZero();
    assertThat(described.out()).contains("executionArn:", arn, "status:                 SUCCEEDED", "input:                  {\"who\":\"operator\"}",
        "output:                 {\"greeting\":\"hello operator\"}", "startDate:              20");
    assertThat(JSON.readTree(execute("describe", arn, "--json").out()).path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  @Order(3)
  void shouldListTheExecutionsOfAStateMachineWithItsFiltersAndPages() throws Exception {
    var second = execute("start", greetings, "--name", "second", "--input", "-");
    assertThat(second.exitCode()).as(second.err()).isZero();
    awaitStatus(sfn, second.out().strip(), ExecutionStatus.SUCCEEDED);

    var listed = execute("list", "greetings", "--status", "SUCCEEDED", "--not-redriven");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out().lines()).hasSize(3).first().asString().startsWith("STATUS ");
    assertThat(listed.out()).contains(execution("first"), execution("second"));
    assertThat(execute("list", "greetings", "--status", "FAILED").out().lines()).hasSize(1);
    assertThat(execute("list", "greetings", "--redriven").out().lines()).hasSize(1);

    var firstPage = execute("list", "greetings", "--max-results", "1", "--json");
    assertThat(firstPage.out().lines()).hasSize(1);
    assertThat(JSON.readTree(firstPage.out()).path("executionArn").asText()).isEqualTo(execution("second"));
    assertThat(firstPage.err()).startsWith("next page: --next-token ");
    var token = firstPage.err().strip().substring("next page: --next-token ".length());
    var secondPage = execute("list", "greetings", "--max-results", "1", "--json", "--next-token", token);
    assertThat(JSON.readTree(secondPage.out()).path("executionArn").asText()).isEqualTo(execution("first"));
    assertThat(secondPage.err()).isEmpty();
    assertThat(execute("list", "greetings", "--max-results", "1", "--all", "--json").out().lines()).hasSize(2);
  }

  @Test
  @Order(4)
  void shouldPrintTheHistoryAsLinesOrAsJsonLines() throws Exception {
    var history = execute("history", execution("first"));

    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out().lines().toList()).hasSize(5);
    assertThat(history.out().lines().skip(1).map(line -> line.strip().split("\\s+")[2])).containsExactly(
        "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    assertThat(history.out()).contains("PassStateEntered                  Hi");
    var lines = execute("history", execution("first"), "--json").out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines.get(3)).path("executionSucceededEventDetails").path("output").asText()).isEqualTo("{\"greeting\":\"hello operator\"}");
    assertThat(JSON.readTree(execute("history", execution("first"), "--json", "--reverse").out().lines().findFirst().orElseThrow())
        .path("type").asText()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  @Order(5)
  void shouldFollowTheHistoryTopicFilteredByStateMachineAndEventType() throws Exception {
    var runtime = api.runtime();
    var kafka = new String[] {"--bootstrap-servers", runtime.bootstrapServers(), "--schema-registry-url", runtime.schemaRegistryUrl()};

    var tail = execute(kafka, "tail", "--from-beginning", "--state-machine", "greetings", "--event-type", "ExecutionSucceeded", "--max-events", "2");

    assertThat(tail.exitCode()).as(tail.err()).isZero();
    assertThat(tail.err()).startsWith("stepfold: following stepfold.history (2 partitions)");
    assertThat(tail.out().lines()).hasSize(2).allMatch(line -> line.contains("ExecutionSucceeded"));
    assertThat(tail.out()).contains("greetings:first ", "greetings:second ");
    var running = execute(kafka, "tail", "--from-beginning", "--state-machine", greetings, "--status", "RUNNING", "--json", "--max-events", "3");
    assertThat(running.out().lines().map(line -> readTree(line).path("type").asText()))
        .containsOnly("ExecutionStarted", "PassStateEntered", "PassStateExited");
  }

  @Test
  @Order(6)
  void shouldGiveEachKindOfRefusalItsOwnExitCodeAndLine() {
    var missing = execute("describe", execution("nobody"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).startsWith("ExecutionDoesNotExist: ");

    var noStateMachine = execute("start", "no-such-machine");
    assertThat(noStateMachine.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noStateMachine.err()).startsWith("StateMachineDoesNotExist: ");

    var taken = execute("start", "greetings", "--name", "first", "--input", "-");
    assertThat(taken.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(taken.err()).startsWith("ExecutionAlreadyExists: ");

    var notRedrivable = execute("redrive-plan", execution("first"));
    assertThat(notRedrivable.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(notRedrivable.out()).contains("is not redrivable");
  }

  @Test
  @Order(7)
  void shouldShowThePlanRedriveRefuseTheRunningExecutionAndRedriveTheRestInBulkWithItsProgress() {
    var activity = sfn.createActivity(r -> r.name("charge")).activityArn();
    var fulfilment = sfn.createStateMachine(r -> r.name("fulfilment").roleArn(ROLE).definition("""
        {"StartAt": "Fulfil", "States": {"Fulfil": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "Result": {"packed": true}, "End": true}}},
          {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "%s", "End": true}}}]}}}""".formatted(activity)))
        .stateMachineArn();
    var first = sfn.startExecution(r -> r.stateMachineArn(fulfilment).name("order-1").input("{\"order\": 42}")).executionArn();
    var second = sfn.startExecution(r -> r.stateMachineArn(fulfilment).name("order-2").input("{\"order\": 43}")).executionArn();
    for (int failed = 0; failed < 2; ) {
      var task = sfn.getActivityTask(r -> r.activityArn(activity));
      if (task.taskToken() != null) {
        sfn.sendTaskFailure(r -> r.taskToken(task.taskToken()).error("Payments.Down").cause("the payment service is down"));
        failed++;
      }
    }
    awaitStatus(sfn, first, ExecutionStatus.FAILED);
    awaitStatus(sfn, second, ExecutionStatus.FAILED);
    // no poller from here on: a redriven execution waits in its Charge task, RUNNING

    var plan = execute("redrive-plan", first);
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains(
        "Execution " + first + " is redrivable. A redrive would run again:",
        "  Parallel state \"Fulfil\" with input {\"order\":42}",
        "    branch 0: keeps its result",
        "    branch 1: runs again",
        "      Task state \"Charge\" with input {\"order\":42}");
    assertThat(readTree(execute("redrive-plan", first, "--json").out()).at("/reruns/0/branches/1/rerun/stateName").asText()).isEqualTo("Charge");

    var redrive = execute("redrive", first, "--yes", "--client-token", "fixed-payments");
    assertThat(redrive.exitCode()).as(redrive.err()).isZero();
    assertThat(redrive.out()).contains("branch 1: runs again").contains("Redriven at ");

    var again = execute("redrive", first, "--yes");
    assertThat(again.exitCode()).as(again.out()).isEqualTo(ExitCodes.REFUSED);
    assertThat(again.out()).contains("is not redrivable");
    assertThat(again.err()).startsWith("ExecutionNotRedrivable: ");

    var bulk = execute("bulk-redrive", "fulfilment", "--status", "FAILED", "--error", "Payments.Down");
    assertThat(bulk.exitCode()).as(bulk.err()).isZero();
    assertThat(bulk.out()).contains("Redriven: 1", "  " + second + " (redrive 1, at ").contains("Skipped: 0").doesNotContain(first);
    assertThat(bulk.err().lines()).first().asString().startsWith("Redriving: 0 of 1 matching executions redriven (");
    assertThat(bulk.err().lines().reduce((one, other) -> other).orElseThrow()).startsWith("Redriving: 1 of 1 matching executions redriven (");
    var bulkAgain = execute("bulk-redrive", fulfilment, "--error", "Payments.Down", "--status", "FAILED", "--no-progress");
    assertThat(bulkAgain.exitCode()).as(bulkAgain.err()).isZero();
    assertThat(bulkAgain.out()).as("the same command line, the same request id and report").isEqualTo(bulk.out());
    assertThat(bulkAgain.err()).isEmpty();
    assertThat(execute("list", "fulfilment", "--redriven").out()).contains(first, second);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run execute(String... args) {
    return execute(new String[] {"--endpoint", api.endpoint().toString()}, args);
  }

  private static Run execute(String[] connection, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var in = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("{\"who\": \"stdin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      int exitCode = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute(Stream.concat(Stream.of(args), Stream.of(connection)).toArray(String[]::new));
      return new Run(exitCode, out.toString(), err.toString());
    } finally {
      System.setIn(in);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("Expected a JSON line, but got " + line, e);
    }
  }

  private static String execution(String name) {
    return greetings.replace(":stateMachine:", ":execution:") + ":" + name;
  }
}
