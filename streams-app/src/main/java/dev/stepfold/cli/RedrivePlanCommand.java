package dev.stepfold.cli;

import dev.stepfold.codec.RedrivePlanJson;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold redrive-plan}: what a redrive of an execution would run again, read from the history topic. */
@CommandLine.Command(
    name = "redrive-plan",
    description = {
        "Shows what a redrive of an execution would run again, or why it is not redrivable.",
        "The plan lists the states a redrive would enter again, the Parallel branches, Map iterations and map run child "
            + "executions, each with its input. It reads the execution's events from the history topic of a running "
            + "stepfold (no server port needed) and folds them with the engine.",
        "Exits 0 when the execution is redrivable, 1 when it is not or does not exist, 2 on usage or connection problems."},
    mixinStandardHelpOptions = true)
final class RedrivePlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--json", description = "prints the plan as JSON")
  boolean json;

  @Mixin
  ClusterOptions cluster;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var arn = RedrivePlans.executionArn(spec.commandLine(), executionArn);
    var connection = cluster.connection();
    var reader = new ExecutionHistoryReader(connection, connection.topics());
    var plan = RedrivePlans.read(reader, arn, spec.commandLine().getErr());
    if (plan.isEmpty()) {
      return ExitCodes.REFUSED;
    }
    if (json) {
      RedrivePlans.printJson(RedrivePlanJson.toJson(arn, plan.get()), spec.commandLine().getOut());
    } else {
      RedrivePlans.printText(arn, plan.get(), spec.commandLine().getOut());
    }
    return plan.get().redrivable() ? ExitCodes.ACCEPTED : ExitCodes.REFUSED;
  }
}
