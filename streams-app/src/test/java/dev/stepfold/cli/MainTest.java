package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  private int execute(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }
}
