package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold list}: ListExecutions of a state machine, newest first, a line each. */
@CommandLine.Command(
    name = "list",
    description = {
        "Lists the executions of a state machine (its ARN, a version's or an alias's, or its name), newest first: "
            + "status, start and stop dates, redrive count and ARN, a line each (--json: one JSON object a line).",
        "One page of --max-results; when there are more, the token for the next one is said on standard error "
            + "(next page: --next-token ...). --all reads every page.",
        "Exits 0, 3 when the state machine does not exist, 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class ListCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "STATE_MACHINE", description = "the state machine's ARN or name")
  String stateMachine;

  @Option(names = "--status", paramLabel = "STATUS", description = "RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE")
  String status;

  @ArgGroup(exclusive = true)
  RedriveFilter redrive;

  static final class RedriveFilter {
    @Option(names = "--redriven", description = "only executions redriven at least once")
    boolean redriven;

    @Option(names = "--not-redriven", description = "only executions never redriven")
    boolean notRedriven;
  }

  @Option(names = "--max-results", paramLabel = "N", defaultValue = "100", description = "executions a page (default: ${DEFAULT-VALUE}, at most 1000)")
  int maxResults;

  @Option(names = "--next-token", paramLabel = "TOKEN", description = "the page to read, as the previous one said")
  String nextToken;

  @Option(names = "--all", description = "reads every page")
  boolean all;

  @Option(names = "--json", description = "prints each execution as ListExecutions gives it, one JSON object a line")
  boolean json;

  @Override
  int run(ApiClient api) {
    var request = CliJson.MAPPER.createObjectNode().put("stateMachineArn", stateMachineArn(api, stateMachine)).put("maxResults", maxResults);
    if (status != null) {
      request.put("statusFilter", status);
    }
    if (redrive != null) {
      request.put("redriveFilter", redrive.redriven ? "REDRIVEN" : "NOT_REDRIVEN");
    }
    if (nextToken != null) {
      request.put("nextToken", nextToken);
    }
    if (!json) {
      out().printf("%-15s %-24s %-24s %-8s %s%n", "STATUS", "STARTED", "STOPPED", "REDRIVES", "EXECUTION");
    }
    if (all) {
      api.everyPage("ListExecutions", request, "executions", this::print);
    } else {
      var page = api.aws("ListExecutions", request);
      page.path("executions").forEach(this::print);
      if (page.hasNonNull("nextToken")) {
        err().println("next page: --next-token " + page.get("nextToken").asText());
        err().flush();
      }
    }
    out().flush();
    return ExitCodes.OK;
  }

  private void print(JsonNode execution) {
    if (json) {
      CliJson.printLine(execution, out());
      return;
    }
    out().printf("%-15s %-24s %-24s %-8d %s%n", execution.path("status").asText(),
        CliJson.instant(execution, "startDate").map(Object::toString).orElse("-"),
        CliJson.instant(execution, "stopDate").map(Object::toString).orElse("-"),
        execution.path("redriveCount").asInt(0), execution.path("executionArn").asText());
  }
}
