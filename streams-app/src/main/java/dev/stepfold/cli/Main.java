package dev.stepfold.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stepfold}: run a state machine locally, replay a conformance corpus, run the server or the example workers, and
 * against a running server show a redrive plan, redrive an execution or redrive in bulk.
 */
@Command(
    name = "stepfold",
    mixinStandardHelpOptions = true,
    version = "stepfold 0.1.0",
    description = "Runs Amazon States Language state machines.",
    subcommands = {RunCommand.class, ConformanceCommand.class, ServerCommand.class, WorkerCommand.class, RedrivePlanCommand.class,
        RedriveCommand.class, BulkRedriveCli.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, for callers that set its output streams (tests). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("stepfold: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      commandLine.getErr().flush();
      return 2;
    });
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, conformance, server, worker, redrive-plan, redrive or bulk-redrive");
  }
}
