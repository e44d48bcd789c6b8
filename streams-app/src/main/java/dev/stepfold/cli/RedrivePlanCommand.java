package dev.stepfold.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold redrive-plan}: Stepfold.GetRedrivePlan, what a redrive of an execution would run again. */
@CommandLine.Command(
    name = "redrive-plan",
    description = {
        "Shows what a redrive of an execution would run again, or why it is not redrivable.",
        "The plan lists the states a redrive would enter again, the Parallel branches, Map iterations and map run child "
            + "executions, each with its input, as the server that owns the execution plans it (Stepfold.GetRedrivePlan).",
        "Exits 0 when the execution is redrivable, 1 when it is not, 3 when it does not exist, 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class RedrivePlanCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--json", description = "prints the plan as JSON")
  boolean json;

  @Override
  int run(ApiClient api) {
    var plan = plan(api, executionArn(executionArn).value());
    if (json) {
      CliJson.printPretty(plan, out());
    } else {
      RedrivePlanText.print(plan, out());
    }
    return plan.path("redrivable").asBoolean() ? ExitCodes.OK : ExitCodes.REFUSED;
  }

  static com.fasterxml.jackson.databind.JsonNode plan(ApiClient api, String executionArn) {
    return api.stepfold("GetRedrivePlan", CliJson.MAPPER.createObjectNode().put("executionArn", executionArn));
  }
}
