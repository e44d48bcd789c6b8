package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.CommandRecord;
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

    assertThat(first.getRequestId()).startsWith("bulk-redrive-").isEqualTo(same.getRequestId()).isNotEqualTo(otherError.getRequestId());
    assertThat(allStatuses.getRequestId()).isEqualTo(allStatusesNamed.getRequestId()).isNotEqualTo(first.getRequestId());
    assertThat(chosen.getRequestId()).isEqualTo("bulk-7");
    assertThat(first.getExecutionArn()).isEqualTo(orders);
    assertThat(((BulkRedriveCommand) first.getCommand()).getMaxPerSecond()).isEqualTo(5);
  }

  private static CommandRecord bulkCommand(String... args) {
    var command = new BulkRedriveCli();
    new CommandLine(command).parseArgs(args);
    return command.command();
  }

  private int execute(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }
}
