package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldShowBothCommandsInTheHelp() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("run", "conformance");
  }

  @Test
  void shouldRefuseADirectoryThatIsNotACorpus() {
    assertThat(execute("conformance", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a conformance corpus");
  }

  @Test
  void shouldAskForTheTestCaseOfAMockFile() throws IOException {
    var definition = Files.writeString(dir.resolve("definition.json"), "{}");
    var mock = Files.writeString(dir.resolve("mock.json"), "{\"StateMachines\": {}, \"MockedResponses\": {}}");

    assertThat(execute("run", definition.toString(), "--mock", mock.toString(), "--state-machine", "Order")).isEqualTo(2);
    assertThat(err.toString()).contains("--mock needs --test-case");
  }

  @Test
  void shouldExplainAnInvalidMockFile() throws IOException {
    var definition = Files.writeString(dir.resolve("definition.json"), "{}");
    var mock = Files.writeString(dir.resolve("mock.json"), "{\"StateMachines\": {}, \"MockedResponses\": {}}");

    assertThat(execute("run", definition.toString(), "--mock", mock.toString(), "--state-machine", "Order", "--test-case", "HappyPath"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid mock file").contains("no state machine 'Order'");
  }

  @Test
  void shouldReadTheExampleMockFile() {
    var example = Path.of("../examples/order/mock.json");

    assertThat(example).isRegularFile();
    assertThat(execute("run", "../examples/order/definition.json", "--mock", example.toString(), "--state-machine", "Order",
        "--test-case", "NoSuchCase")).isEqualTo(2);
    assertThat(err.toString()).contains("no test case 'NoSuchCase'").contains("HappyPath", "RetryPath", "DeclinedPath");
  }

  @Test
  void shouldShowTheRedriveCommandsInTheHelp() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("redrive-plan", "redrive", "bulk-redrive");
  }

  @Test
  void shouldRefuseAnExecutionArnThatIsNotOne() {
    assertThat(execute("redrive-plan", "order-1")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid EXECUTION_ARN");
  }

  @Test
  void shouldAskForYesWhenThereIsNoTerminalToAskOn() {
    assertThat(execute("redrive", "arn:aws:states:us-east-1:111111111111:execution:orders:order-1")).isEqualTo(2);
    assertThat(err.toString()).contains("add --yes to redrive, or --plan-only");
  }

  @Test
  void shouldRefuseABulkRedriveOfSucceededExecutions() {
    assertThat(execute("bulk-redrive", "arn:aws:states:us-east-1:111111111111:stateMachine:orders", "--status", "SUCCEEDED")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid filter").contains("SUCCEEDED");
  }

  @Test
  void shouldRefuseAClosedWindowThatEndsBeforeItStarts() {
    assertThat(execute("bulk-redrive", "arn:aws:states:us-east-1:111111111111:stateMachine:orders",
        "--closed-after", "2026-11-25T00:00:00Z", "--closed-before", "2026-11-24T00:00:00Z")).isEqualTo(2);
    assertThat(err.toString()).contains("Expected closedAfter before closedBefore");
  }

  @Test
  void shouldGiveTheSameBulkRedriveTheSameRequestIdHoweverItsOptionsAreWritten() {
    var orders = "arn:aws:states:us-east-1:111111111111:stateMachine:orders";
    var first = bulkCommand(orders, "--status", "FAILED,TIMED_OUT", "--error", "Payments.Down", "--max-per-second", "5");
    var same = bulkCommand(orders, "--error", "Payments.Down", "--status", "TIMED_OUT", "--status", "FAILED");
    var otherError = bulkCommand(orders, "--status", "FAILED,TIMED_OUT", "--error", "Payments.Slow");
    var allStatuses = bulkCommand(orders);
    var allStatusesNamed = bulkCommand(orders, "--status", "ABORTED,FAILED,TIMED_OUT");
    var chosen = bulkCommand(orders, "--request-id", "bulk-7");

    assertThat(first.path("clientToken").asText()).startsWith("bulk-redrive-").isEqualTo(same.path("clientToken").asText())
        .isNotEqualTo(otherError.path("clientToken").asText());
    assertThat(allStatuses.path("clientToken").asText()).isEqualTo(allStatusesNamed.path("clientToken").asText())
        .isNotEqualTo(first.path("clientToken").asText());
    assertThat(chosen.path("clientToken").asText()).isEqualTo("bulk-7");
    assertThat(first.path("stateMachineArn").asText()).isEqualTo(orders);
    assertThat(first.path("maxPerSecond").asInt()).isEqualTo(5);
  }

  @Test
  void shouldRedriveExecutionsOfOneVersionOntoAnotherByNumberAndMakeThatAnotherBulkRedrive() {
    var orders = "arn:aws:states:us-east-1:111111111111:stateMachine:orders";
    var plain = bulkCommand(orders, "--status", "FAILED");
    var ontoFour = bulkCommand(orders, "--status", "FAILED", "--version", "3", "--onto-version", "4");
    var ontoLive = bulkCommand(orders, "--status", "FAILED", "--version", orders + ":3", "--onto-version", "live");

    assertThat(ontoFour.path("stateMachineVersionArn").asText()).isEqualTo(orders + ":3");
    assertThat(ontoFour.path("ontoVersion").asText()).isEqualTo(orders + ":4");
    assertThat(ontoLive.path("ontoVersion").asText()).isEqualTo(orders + ":live");
    assertThat(ontoFour.path("clientToken").asText()).isNotEqualTo(plain.path("clientToken").asText())
        .isNotEqualTo(ontoLive.path("clientToken").asText());
    assertThat(plain.has("ontoVersion")).isFalse();
  }

  @Test
  void shouldListTheOperatorsCommandsInTheHelp() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("start", "describe", "list", "history", "tail", "generate-completion");
  }

  @Test
  void shouldGenerateABashCompletionScriptThatKnowsTheCommands() {
    assertThat(execute("generate-completion")).isZero();
    assertThat(out.toString()).contains("complete -F", "redrive-plan", "bulk-redrive", "--endpoint");
  }

  @Test
  void shouldSayThatNothingListensAtTheEndpointAndExitFour() throws IOException {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(execute("describe", "arn:aws:states:us-east-1:111111111111:execution:orders:order-1", "--endpoint", "http://localhost:" + port))
        .isEqualTo(4);
    assertThat(err.toString()).startsWith("stepfold: cannot reach stepfold at http://localhost:" + port);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode bulkCommand(String stateMachineArn, String... args) {
    var command = new BulkRedriveCli();
    var all = new java.util.ArrayList<String>(java.util.List.of(stateMachineArn));
    all.addAll(java.util.List.of(args));
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    return command.request(stateMachineArn);
  }

  private int execute(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }
}
