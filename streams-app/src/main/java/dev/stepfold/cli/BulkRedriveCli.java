package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.schemas.BulkRedriveCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold bulk-redrive}: Stepfold.BulkRedrive, its progress while it runs, and its report. */
@CommandLine.Command(
    name = "bulk-redrive",
    description = {
        "Redrives every redrivable execution of a state machine that matches a filter.",
        "Calls Stepfold.BulkRedrive, shows its progress on standard error while it runs (the matching executions "
            + "redriven so far), then prints its report: the executions redriven, and those skipped with the reason. "
            + "The request id (the call's clientToken) defaults to one made from the state machine and the filter, so "
            + "running the same command line again redrives nothing twice and prints the first report; give a new "
            + "--request-id for a new bulk redrive with the same filter.",
        "After a fix, --version and --onto-version redrive every execution that failed on one version onto another.",
        "Exits 0 with the report, 1 when refused, 3 when the state machine does not exist, 4 when stepfold cannot be "
            + "reached or no report came within --wait."},
    mixinStandardHelpOptions = true)
final class BulkRedriveCli extends ApiCommand {
  @Parameters(index = "0", paramLabel = "STATE_MACHINE", description = "the state machine whose executions to redrive (its ARN or name)")
  String stateMachine;

  @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "FAILED, TIMED_OUT or ABORTED; repeatable (default: all three)")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--closed-after", paramLabel = "ISO", description = "only executions that closed at or after this instant (2026-11-25T00:00:00Z)")
  Instant closedAfter;

  @Option(names = "--closed-before", paramLabel = "ISO", description = "only executions that closed before this instant")
  Instant closedBefore;

  @Option(names = "--error", paramLabel = "NAME", description = "only executions that closed with this error")
  String error;

  @Option(names = "--redrive-count-below", paramLabel = "N", description = "only executions redriven fewer than N times")
  Integer redriveCountBelow;

  @Option(names = "--max-per-second", paramLabel = "N", defaultValue = "100", description = "at most N redrives a second (default: ${DEFAULT-VALUE})")
  int maxPerSecond;

  @Option(names = "--version", paramLabel = "VERSION", description = "only executions that run this version of the state machine (its number or ARN)")
  String version;

  @Option(names = "--onto-version", paramLabel = "VERSION",
      description = "redrive each onto this version of the state machine (its number, an alias's name, or its ARN)")
  String ontoVersion;

  @Option(names = "--request-id", paramLabel = "ID", description = "the bulk redrive's request id (default: bulk-redrive-<hash of the state machine and filter>)")
  String requestId;

  @Option(names = "--json", description = "prints the report as JSON")
  boolean json;

  @Option(names = "--no-progress", description = "shows no progress while the bulk redrive runs")
  boolean noProgress;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600", description = "how long to wait for the report (default: ${DEFAULT-VALUE})")
  int waitSeconds;

  @Override
  int run(ApiClient api) throws Exception {
    var request = request(stateMachineArn(api, stateMachine));
    if (!json) {
      out().println("Bulk redrive " + request.path("clientToken").asText() + " of " + request.path("stateMachineArn").asText());
      out().flush();
    }
    JsonNode report;
    if (noProgress) {
      report = report(api, request);
    } else {
      try (var progress = BulkRedriveProgress.start(api, request, err(), System.console() != null)) {
        report = report(api, request);
        progress.finish(report.path("redriven").size());
      }
    }
    if (json) {
      CliJson.printPretty(report, out());
    } else {
      print(report);
    }
    return ExitCodes.OK;
  }

  /** The report; a ServiceUnavailable answer (the report took longer than the server waits) asks again, as the SDKs do. */
  private JsonNode report(ApiClient api, ObjectNode request) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    while (true) {
      try {
        return api.stepfold("BulkRedrive", request);
      } catch (ApiRefusal refusal) {
        if (!refusal.unavailable() || System.nanoTime() > deadline) {
          throw refusal;
        }
      } catch (ApiUnreachable unreachable) {
        if (System.nanoTime() > deadline) {
          throw unreachable;
        }
      }
      Thread.sleep(1000);   // then the same request again: its clientToken makes it the same bulk redrive
    }
  }

  /** The request, its filter checked here so that a mistake is a usage error rather than a refusal. */
  ObjectNode request(String stateMachineArn) {
    StateMachineArn arn;
    try {
      arn = new StateMachineArn(stateMachineArn);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid STATE_MACHINE_ARN: " + e.getMessage());
    }
    if (maxPerSecond < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-per-second must be at least 1, not " + maxPerSecond);
    }
    BulkRedriveFilter filter;
    try {
      filter = BulkRedriveAvro.filter(BulkRedriveCommand.newBuilder()
          .setStatuses(new ArrayList<>(statuses))
          .setClosedAfter(closedAfter == null ? null : closedAfter.toEpochMilli())
          .setClosedBefore(closedBefore == null ? null : closedBefore.toEpochMilli())
          .setError(error)
          .setRedriveCountBelow(redriveCountBelow)
          .setMaxPerSecond(maxPerSecond)
          .setStateMachineVersionArn(RedriveFixOptions.qualified(arn, version))
          .build());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid filter: " + e.getMessage());
    }
    var request = CliJson.MAPPER.createObjectNode()
        .put("stateMachineArn", arn.value())
        .put("maxPerSecond", maxPerSecond)
        .put("clientToken", requestId != null ? requestId
            : filter.requestId(arn, Optional.ofNullable(RedriveFixOptions.qualified(arn, ontoVersion))));
    var statusList = request.putArray("statuses");
    statuses.forEach(statusList::add);
    if (closedAfter != null) {
      request.put("closedAfter", HistoryJson.epochSeconds(closedAfter));
    }
    if (closedBefore != null) {
      request.put("closedBefore", HistoryJson.epochSeconds(closedBefore));
    }
    if (error != null) {
      request.put("error", error);
    }
    if (redriveCountBelow != null) {
      request.put("redriveCountBelow", redriveCountBelow);
    }
    if (version != null) {
      request.put("stateMachineVersionArn", RedriveFixOptions.qualified(arn, version));
    }
    if (ontoVersion != null) {
      request.put("ontoVersion", RedriveFixOptions.qualified(arn, ontoVersion));
    }
    return request;
  }

  private void print(JsonNode report) {
    var redriven = report.path("redriven");
    out().println("Redriven: " + redriven.size());
    for (var execution : redriven) {
      out().println("  " + execution.path("executionArn").asText() + " (redrive " + execution.path("redriveCount").asInt() + ", at "
          + CliJson.instant(execution.path("redriveDate")) + ")");
    }
    var skipped = report.path("skipped");
    out().println("Skipped: " + skipped.size());
    for (var execution : skipped) {
      out().println("  " + execution.path("executionArn").asText() + ": " + execution.path("reason").asText());
    }
    out().flush();
  }
}
