package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold describe}: DescribeExecution, one field a line. */
@CommandLine.Command(
    name = "describe",
    description = {
        "Describes an execution: its status, dates, input, output, error and cause, and its redrives.",
        "Exits 0, 3 when the execution does not exist, 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class DescribeCommand extends ApiCommand {
  private static final List<String> TEXT_MEMBERS = List.of("executionArn", "stateMachineArn", "name", "status", "startDate", "stopDate",
      "stateMachineVersionArn", "stateMachineAliasArn", "mapRunArn", "error", "cause", "redriveCount", "redriveDate", "redriveStatus",
      "redriveStatusReason", "input", "output");

  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--json", description = "prints DescribeExecution's answer as JSON")
  boolean json;

  @Override
  int run(ApiClient api) {
    var arn = executionArn(executionArn);
    var answer = api.aws("DescribeExecution", CliJson.MAPPER.createObjectNode().put("executionArn", arn.value()));
    if (json) {
      CliJson.printPretty(answer, out());
      return ExitCodes.OK;
    }
    int width = TEXT_MEMBERS.stream().mapToInt(String::length).max().orElseThrow() + 1;
    for (var member : TEXT_MEMBERS) {
      if (answer.hasNonNull(member)) {
        out().printf("%-" + width + "s %s%n", member + ":", text(member, answer.get(member)));
      }
    }
    out().flush();
    return ExitCodes.OK;
  }

  private static String text(String member, JsonNode value) {
    return member.endsWith("Date") ? CliJson.instant(value).toString() : value.asText();
  }
}
