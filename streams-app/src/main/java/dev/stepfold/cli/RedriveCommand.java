package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold redrive}: the redrive plan, then RedriveExecution and its answer. */
@CommandLine.Command(
    name = "redrive",
    description = {
        "Redrives an execution, after showing its redrive plan.",
        "Shows the plan (see redrive-plan), asks on the terminal whether to go on, then calls RedriveExecution: the "
            + "redrive date, or the AWS error (ExecutionNotRedrivable with its reason). Without a terminal (a script) it "
            + "needs --yes, and then redrives without asking.",
        "After a fix, --onto-version, --from-state, --input and --input-merge redrive with stepfold's own "
            + "Stepfold.RedriveExecution: onto a corrected version, from an earlier state, with a corrected input.",
        "Exits 0 when redriven, 1 when refused (ExecutionNotRedrivable, or not confirmed), 3 when the execution does not "
            + "exist, 4 when stepfold cannot be reached or did not answer in time."},
    mixinStandardHelpOptions = true)
final class RedriveCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--client-token", paramLabel = "TOKEN", description = "the idempotency token: the same token within 15 minutes gets the same answer")
  String clientToken;

  @Mixin
  RedriveFixOptions fix;

  @Option(names = "--plan-only", description = "shows the plan and redrives nothing")
  boolean planOnly;

  @Option(names = {"-y", "--yes"}, description = "redrives without asking; the runtime's answer decides, whatever the plan says")
  boolean yes;

  @Option(names = "--json", description = "prints one JSON document: {\"plan\": ..., \"reply\": {\"redriveDate\": ...} or {\"__type\": ..., \"message\": ...}}")
  boolean json;

  @Override
  int run(ApiClient api) {
    var arn = executionArn(executionArn);
    var console = System.console();
    if (!planOnly && !yes && console == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Not on a terminal, so there is no one to ask: add --yes to redrive, or --plan-only to see the plan");
    }
    var plan = RedrivePlanCommand.plan(api, fix.addTo(CliJson.MAPPER.createObjectNode().put("executionArn", arn.value()), arn.stateMachine(),
        spec.commandLine()));
    var document = CliJson.MAPPER.createObjectNode();
    document.set("plan", plan);
    if (!json) {
      RedrivePlanText.print(plan, out());
    }
    boolean redrivable = plan.path("redrivable").asBoolean();
    if (planOnly) {
      return finish(document, redrivable ? ExitCodes.OK : ExitCodes.REFUSED);
    }
    if (!yes && !confirmed(console, arn.value(), redrivable)) {
      out().println("Not redriven.");
      out().flush();
      return ExitCodes.REFUSED;
    }
    var request = CliJson.MAPPER.createObjectNode().put("executionArn", arn.value());
    if (clientToken != null) {
      request.put("clientToken", clientToken);
    }
    JsonNode answer;
    try {
      // a redrive after a fix is stepfold's own operation; a plain one stays AWS's
      answer = fix.any() ? api.stepfold("RedriveExecution", fix.addTo(request, arn.stateMachine(), spec.commandLine()))
          : api.aws("RedriveExecution", request);
    } catch (ApiRefusal refusal) {
      document.putObject("reply").put("__type", refusal.errorType()).put("message", refusal.getMessage());
      finish(document, ExitCodes.REFUSED);
      throw refusal;
    }
    document.set("reply", answer);
    if (!json) {
      out().println("Redriven at " + CliJson.instant(answer.path("redriveDate")));
    }
    return finish(document, ExitCodes.OK);
  }

  /** Asks only when the plan shows a redrive: the runtime would refuse any other. */
  private static boolean confirmed(Console console, String arn, boolean redrivable) {
    if (!redrivable) {
      return false;
    }
    var answer = console.readLine("Redrive %s? [y/N] ", arn);
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  private int finish(ObjectNode document, int exitCode) {
    if (json) {
      CliJson.printPretty(document, out());
    }
    out().flush();
    return exitCode;
  }
}
