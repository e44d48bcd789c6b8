package dev.stepfold.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.CommandRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold bulk-redrive}: the BulkRedrive command on the commands topic, and the report it is answered with. */
@CommandLine.Command(
    name = "bulk-redrive",
    description = {
        "Redrives every redrivable execution of a state machine that matches a filter.",
        "Produces a BulkRedrive command, waits for its report and prints it: the executions redriven, and those "
            + "skipped with the reason. The request id defaults to one made from the state machine and the filter, so "
            + "running the same command line again redrives nothing twice and prints the first report; give a new "
            + "--request-id for a new bulk redrive with the same filter.",
        "Exits 0 with the report, 1 when refused, 2 on usage or connection problems or when no report came in time."},
    mixinStandardHelpOptions = true)
final class BulkRedriveCli implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STATE_MACHINE_ARN", description = "the state machine whose executions to redrive")
  String stateMachineArn;

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

  @Option(names = "--request-id", paramLabel = "ID", description = "the bulk redrive's request id (default: bulk-redrive-<hash of the state machine and filter>)")
  String requestId;

  @Option(names = "--json", description = "prints the report as JSON")
  boolean json;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "how long to wait for the report (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Mixin
  ClusterOptions cluster;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var command = command();
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (!json) {
      out.println("Bulk redrive " + command.getRequestId() + " of " + command.getExecutionArn());
      out.flush();
    }
    var connection = cluster.connection();
    var reply = new CommandReplies(connection, connection.topics()).send(command, Duration.ofSeconds(timeoutSeconds));
    if (reply.isEmpty()) {
      err.println("stepfold: no report within " + timeoutSeconds + "s; the bulk redrive goes on: run the same command again to get its report");
      err.flush();
      return ExitCodes.PROBLEM;
    }
    var answer = AvroCodec.parsingDefinitions().reply(reply.get());
    if (answer instanceof Reply.Rejected rejected) {
      err.println(rejected.error().awsName() + ": " + rejected.message());
      err.flush();
      return ExitCodes.REFUSED;
    }
    var report = (ObjectNode) ((Reply.Accepted) answer).data();
    if (json) {
      report.put("requestId", command.getRequestId());
      RedrivePlans.printJson(report, out);
    } else {
      print(report);
    }
    return ExitCodes.ACCEPTED;
  }

  /** The command, its filter checked here so that a mistake is a usage error rather than a refusal. */
  CommandRecord command() {
    StateMachineArn arn;
    try {
      arn = new StateMachineArn(stateMachineArn);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid STATE_MACHINE_ARN: " + e.getMessage());
    }
    if (maxPerSecond < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-per-second must be at least 1, not " + maxPerSecond);
    }
    var bulk = BulkRedriveCommand.newBuilder()
        .setStatuses(new ArrayList<>(statuses))
        .setClosedAfter(closedAfter == null ? null : closedAfter.toEpochMilli())
        .setClosedBefore(closedBefore == null ? null : closedBefore.toEpochMilli())
        .setError(error)
        .setRedriveCountBelow(redriveCountBelow)
        .setMaxPerSecond(maxPerSecond)
        .build();
    BulkRedriveFilter filter;
    try {
      filter = BulkRedriveAvro.filter(bulk);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid filter: " + e.getMessage());
    }
    return CommandRecord.newBuilder()
        .setRequestId(requestId != null ? requestId : defaultRequestId(arn, filter))
        .setExecutionArn(arn.value())
        .setCommand(bulk)
        .build();
  }

  /** The request id of a bulk redrive with no {@code --request-id}: {@link BulkRedriveFilter#requestId}. */
  static String defaultRequestId(StateMachineArn arn, BulkRedriveFilter filter) {
    return filter.requestId(arn);
  }

  private void print(ObjectNode report) {
    var out = spec.commandLine().getOut();
    var redriven = report.path("redriven");
    out.println("Redriven: " + redriven.size());
    for (var execution : redriven) {
      out.println("  " + execution.path("executionArn").asText() + " (redrive " + execution.path("redriveCount").asInt() + ", at "
          + RedrivePlans.instant(execution.path("redriveDate")) + ")");
    }
    var skipped = report.path("skipped");
    out.println("Skipped: " + skipped.size());
    for (var execution : skipped) {
      out.println("  " + execution.path("executionArn").asText() + ": " + execution.path("reason").asText());
    }
    out.flush();
  }
}
