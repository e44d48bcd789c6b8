package dev.stepfold.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold history}: GetExecutionHistory, every page, as lines or JSON lines. */
@CommandLine.Command(
    name = "history",
    description = {
        "Prints an execution's history, oldest first: id, time, type and the details that say most, an event a line; "
            + "--json prints each event as GetExecutionHistory gives it, one JSON object a line.",
        "Exits 0, 3 when the execution does not exist, 4 when stepfold cannot be reached."},
    mixinStandardHelpOptions = true)
final class HistoryCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--json", description = "one JSON object an event (JSON lines)")
  boolean json;

  @Option(names = "--reverse", description = "newest first")
  boolean reverse;

  @Option(names = "--no-data", description = "leaves the inputs and outputs out")
  boolean noData;

  @Override
  int run(ApiClient api) {
    var request = CliJson.MAPPER.createObjectNode()
        .put("executionArn", executionArn(executionArn).value())
        .put("reverseOrder", reverse)
        .put("includeExecutionData", !noData)
        .put("maxResults", 1000);
    if (!json) {
      out().println(HistoryText.HEADER);
    }
    api.everyPage("GetExecutionHistory", request, "events", event -> {
      if (json) {
        CliJson.printLine(event, out());
      } else {
        out().println(HistoryText.line(event));
      }
    });
    out().flush();
    return ExitCodes.OK;
  }
}
