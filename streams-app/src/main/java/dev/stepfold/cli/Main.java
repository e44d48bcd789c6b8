package dev.stepfold.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stepfold}: run a state machine locally, replay a conformance corpus, run the server or the example workers, and
 * against a running server start, describe, list and follow executions, show a redrive plan, redrive an execution or
 * redrive in bulk; and the shell completion of all of these.
 */
@Command(
    name = "stepfold",
    mixinStandardHelpOptions = true,
    version = "stepfold 0.1.0",
    description = "Runs Amazon States Language state machines.",
    subcommands = {RunCommand.class, ConformanceCommand.class, ServerCommand.class, WorkerCommand.class, StartCommand.class,
        DescribeCommand.class, ListCommand.class, HistoryCommand.class, TailCommand.class, RedrivePlanCommand.class, RedriveCommand.class,
        BulkRedriveCli.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, for callers that set its output streams (tests). */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new Main()).setExecutionExceptionHandler((e, command, parseResult) -> {
      if (e instanceof BrokerUnreachable) {
        command.getErr().println("stepfold: " + e.getMessage());
        command.getErr().flush();
        return ExitCodes.UNREACHABLE;
      }
      command.getErr().println("stepfold: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      command.getErr().flush();
      return ExitCodes.USAGE;
    });
    // GenerateCompletion hides itself from the help; it is shown, so that a reader learns there is completion
    commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, conformance, server, worker, start, describe, list, history, tail, redrive-plan, redrive, "
        + "bulk-redrive or generate-completion");
  }
}
