package dev.stepfold.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.RedrivePlanJson;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Reply;
import dev.stepfold.redrive.RedrivePlan;
import java.io.Console;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold redrive}: the redrive plan, then RedriveExecution on the commands topic and its reply. */
@CommandLine.Command(
    name = "redrive",
    description = {
        "Redrives an execution, after showing its redrive plan.",
        "Shows the plan (see redrive-plan), asks on the terminal whether to go on, then produces a RedriveExecution "
            + "command and waits for its reply: the redrive date, or the AWS error (ExecutionNotRedrivable with its reason). "
            + "Without a terminal (a script) it needs --yes, and then redrives without asking.",
        "Exits 0 when redriven, 1 when refused (ExecutionNotRedrivable, ExecutionDoesNotExist, or not confirmed), "
            + "2 on usage or connection problems or when no reply came in time."},
    mixinStandardHelpOptions = true)
final class RedriveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "the execution")
  String executionArn;

  @Option(names = "--client-token", paramLabel = "TOKEN", description = "the idempotency token: the same token within 15 minutes gets the same answer")
  String clientToken;

  @Option(names = "--plan-only", description = "shows the plan and redrives nothing")
  boolean planOnly;

  @Option(names = {"-y", "--yes"}, description = "redrives without asking; the runtime's answer decides, whatever the plan says")
  boolean yes;

  @Option(names = "--json", description = "prints one JSON document: {\"plan\": ..., \"reply\": {\"redriveDate\": ...} or {\"__type\": ..., \"message\": ...}}")
  boolean json;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "how long to wait for the reply (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Mixin
  ClusterOptions cluster;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var arn = RedrivePlans.executionArn(spec.commandLine(), executionArn);
    var console = System.console();
    if (!planOnly && !yes && console == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Not on a terminal, so there is no one to ask: add --yes to redrive, or --plan-only to see the plan");
    }
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var connection = cluster.connection();
    var topics = connection.topics();
    var plan = RedrivePlans.read(new ExecutionHistoryReader(connection, topics), arn, err);
    if (plan.isEmpty()) {
      return ExitCodes.REFUSED;
    }
    var document = RedrivePlans.JSON.createObjectNode();
    document.set("plan", RedrivePlanJson.toJson(arn, plan.get()));
    if (!json) {
      RedrivePlans.printText(arn, plan.get(), out);
    }
    if (planOnly) {
      return finish(document, plan.get().redrivable() ? ExitCodes.ACCEPTED : ExitCodes.REFUSED);
    }
    if (!yes && !confirmed(console, arn, plan.get())) {
      out.println("Not redriven.");
      out.flush();
      return ExitCodes.REFUSED;
    }
    var requestId = "cli-redrive-" + UUID.randomUUID();
    var command = AvroCodec.parsingDefinitions().avro(new Command.RedriveExecution(requestId, arn, Optional.ofNullable(clientToken)));
    var reply = new CommandReplies(connection, topics).send(command, Duration.ofSeconds(timeoutSeconds));
    if (reply.isEmpty()) {
      err.println("stepfold: no reply to " + requestId + " within " + timeoutSeconds + "s; the redrive may still happen: see redrive-plan "
          + arn + " (send it again with the same --client-token to be safe)");
      err.flush();
      return ExitCodes.PROBLEM;
    }
    return printed(document, AvroCodec.parsingDefinitions().reply(reply.get()));
  }

  /** Asks only when the plan shows a redrive: the runtime would refuse any other. */
  private boolean confirmed(Console console, ExecutionArn arn, RedrivePlan plan) {
    if (!plan.redrivable()) {
      return false;
    }
    var answer = console.readLine("Redrive %s? [y/N] ", arn.value());
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  private int printed(ObjectNode document, Reply reply) throws Exception {
    var out = spec.commandLine().getOut();
    if (reply instanceof Reply.Accepted accepted) {
      document.set("reply", accepted.data());
      if (!json) {
        out.println("Redriven at " + RedrivePlans.instant(accepted.data().path("redriveDate")));
      }
      return finish(document, ExitCodes.ACCEPTED);
    }
    var rejected = (Reply.Rejected) reply;
    document.putObject("reply").put("__type", rejected.error().awsName()).put("message", rejected.message());
    spec.commandLine().getErr().println(rejected.error().awsName() + ": " + rejected.message());
    spec.commandLine().getErr().flush();
    return finish(document, ExitCodes.REFUSED);
  }

  private int finish(ObjectNode document, int exitCode) throws Exception {
    if (json) {
      RedrivePlans.printJson(document, spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    return exitCode;
  }
}
