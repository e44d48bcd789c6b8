package dev.stepfold.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold start}: StartExecution; prints the execution's ARN. */
@CommandLine.Command(
    name = "start",
    description = {
        "Starts an execution of a state machine (its ARN, a version's or an alias's ARN, or its name) and prints the "
            + "execution's ARN, alone on its line (--json: StartExecution's answer).",
        "Exits 0 when started, 3 when the state machine does not exist, 1 when refused (ExecutionAlreadyExists, "
            + "InvalidExecutionInput, ...), 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class StartCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "STATE_MACHINE", description = "the state machine's ARN or name")
  String stateMachine;

  @Option(names = "--name", paramLabel = "NAME", description = "the execution's name (default: a UUID, chosen by stepfold)")
  String name;

  @Option(names = "--input", paramLabel = "FILE", description = "the input: a JSON file, or - for standard input (default: {})")
  String input;

  @Option(names = "--json", description = "prints StartExecution's answer as JSON")
  boolean json;

  @Override
  int run(ApiClient api) throws IOException {
    var request = CliJson.MAPPER.createObjectNode().put("stateMachineArn", stateMachineArn(api, stateMachine));
    if (name != null) {
      request.put("name", name);
    }
    if (input != null) {
      request.put("input", readInput());
    }
    var answer = api.aws("StartExecution", request);
    if (json) {
      CliJson.printPretty(answer, out());
    } else {
      out().println(answer.path("executionArn").asText());
      out().flush();
    }
    return ExitCodes.OK;
  }

  private String readInput() throws IOException {
    try {
      if (input.equals("-")) {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(input));
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " does not read: " + e.getMessage());
    }
  }
}
