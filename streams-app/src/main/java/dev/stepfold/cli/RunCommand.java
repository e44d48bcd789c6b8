package dev.stepfold.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.ApiError;
import dev.stepfold.local.LocalRun;
import dev.stepfold.local.LocalRunner;
import dev.stepfold.local.MockConfig;
import dev.stepfold.local.TaskAnswers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold run}: one execution in memory, tasks answered from a mock file, waits on a virtual clock. */
@CommandLine.Command(
    name = "run",
    description = {
        "Runs one execution of a state machine in memory and prints its history, one event per line (AWS JSON),",
        "then its status and output (or error and cause). Waits and time-outs take no real time.",
        "Task states are answered from a mock file in the AWS Step Functions Local format."},
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE_ARN = "arn:aws:iam::111111111111:role/stepfold-local";

  @Parameters(index = "0", paramLabel = "DEFINITION.json", description = "the ASL definition")
  Path definition;

  @Option(names = "--input", paramLabel = "INPUT.json", description = "the execution input (default: {})")
  Path input;

  @Option(names = "--mock", paramLabel = "MOCKFILE", description = "mocked task responses (Step Functions Local format)")
  Path mock;

  @Option(names = "--state-machine", paramLabel = "NAME", description = "the state machine's name; in the mock file, where its test cases are")
  String stateMachine;

  @Option(names = "--test-case", paramLabel = "NAME", description = "the mock file's test case to use")
  String testCase;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "STANDARD", description = "STANDARD or EXPRESS (default: ${DEFAULT-VALUE})")
  ExecutionType type;

  @Option(names = "--execution-name", paramLabel = "NAME", defaultValue = "local-execution", description = "default: ${DEFAULT-VALUE}")
  String executionName;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (mock != null && testCase == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mock needs --test-case (and --state-machine)");
    }
    if (mock != null && stateMachine == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mock needs --state-machine (the name in the mock file)");
    }
    var answers = answers();
    var parsed = DefinitionParser.parse(Files.readString(definition), type);
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      err.println(ApiError.INVALID_DEFINITION.awsName() + ": " + invalid.message());
      return 1;
    }
    var stateMachineArn = ArnFormat.DEFAULT.stateMachine(stateMachine == null ? "LocalStateMachine" : stateMachine);
    var start = new Command.StartExecution("cli-start", stateMachineArn.execution(executionName), stateMachineArn, type,
        ((ParsedDefinition.Valid) parsed).definition(), input == null ? "{}" : Files.readString(input), ROLE_ARN);
    var run = new LocalRunner(new StepfoldDecider()).run(start, Instant.now(), answers);
    return print(run, out, err);
  }

  private TaskAnswers answers() throws IOException {
    if (mock == null) {
      return TaskAnswers.none("no --mock file given");
    }
    try {
      return MockConfig.parse(MAPPER.readTree(mock.toFile())).answers(stateMachine, testCase);
    } catch (IllegalArgumentException | IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid mock file " + mock + ": " + e.getMessage());
    }
  }

  private static int print(LocalRun run, PrintWriter out, PrintWriter err) {
    if (run.rejection().isPresent()) {
      err.println(run.rejection().get().error().awsName() + ": " + run.rejection().get().message());
      return 1;
    }
    run.events().forEach(event -> out.println(HistoryJson.toText(event)));
    run.notes().forEach(note -> err.println("note: " + note));
    out.println("status: " + run.status());
    if (run.status() == ExecutionStatus.SUCCEEDED) {
      out.println("output: " + run.output().map(HistoryJson::compact).orElse("null"));
    } else {
      run.error().ifPresent(error -> out.println("error: " + error));
      run.cause().ifPresent(cause -> out.println("cause: " + cause));
    }
    run.stuck().ifPresent(reason -> err.println("stuck: " + reason));
    out.flush();
    return run.status() == ExecutionStatus.SUCCEEDED ? 0 : 1;
  }
}
