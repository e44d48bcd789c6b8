package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold redrive-plan}: Stepfold.GetRedrivePlan, what a redrive of an execution would run again. */
@CommandLine.Command(
    name = "redrive-plan",
    description = {
        "Shows what a redrive of an execution would run again, or why it is not redrivable.",
        "The plan lists the states a redrive would enter again, the Parallel branches, Map iterations and map run child "
            + "executions, each with its input, as the server that owns the execution plans it (Stepfold.GetRedrivePlan).",
        "With --onto-version, --from-state, --input or --input-merge, what a redrive after that fix would run: the states of "
            + "the version it continues in and what each keeps.",
        "Exits 0 when the execution is redrivable, 1 when it is not, 3 when it does not exist, 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class RedrivePlanCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--json", description = "prints the plan as JSON")
  boolean json;

  @Mixin
  RedriveFixOptions fix;

  @Override
  int run(ApiClient api) {
    var arn = executionArn(executionArn);
    var plan = plan(api, fix.addTo(CliJson.MAPPER.createObjectNode().put("executionArn", arn.value()), arn.stateMachine(), spec.commandLine()));
    if (json) {
      CliJson.printPretty(plan, out());
    } else {
      RedrivePlanText.print(plan, out());
    }
    return plan.path("redrivable").asBoolean() ? ExitCodes.OK : ExitCodes.REFUSED;
  }

  /** Stepfold.GetRedrivePlan of {@code request}: the execution's ARN, and a fix's members if any. */
  static JsonNode plan(ApiClient api, ObjectNode request) {
    return api.stepfold("GetRedrivePlan", request);
  }
}
