package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.error.ApiError;
import dev.stepfold.redrive.RedrivePlan;
import dev.stepfold.redrive.RedrivePlanner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine;

/** What {@code redrive-plan} and {@code redrive} share: the execution's ARN as an argument, its plan read and shown. */
final class RedrivePlans {
  static final ObjectMapper JSON = new ObjectMapper();

  private RedrivePlans() {}

  static ExecutionArn executionArn(CommandLine commandLine, String text) {
    try {
      return new ExecutionArn(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "Invalid EXECUTION_ARN: " + e.getMessage());
    }
  }

  /** The plan at this moment; empty, with ExecutionDoesNotExist said on {@code err}, when the execution has no history. */
  static Optional<RedrivePlan> read(ExecutionHistoryReader reader, ExecutionArn executionArn, PrintWriter err) {
    var execution = reader.execution(executionArn);
    if (execution.isEmpty()) {
      err.println(ApiError.EXECUTION_DOES_NOT_EXIST.awsName() + ": Execution Does Not Exist: '" + executionArn + "'");
      err.flush();
      return Optional.empty();
    }
    return Optional.of(RedrivePlanner.plan(execution.get(), Instant.now()));
  }

  static void printText(ExecutionArn executionArn, RedrivePlan plan, PrintWriter out) {
    RedrivePlanText.print(executionArn, plan, out);
    out.flush();
  }

  /** A date of a reply, epoch seconds with their fraction as AWS writes them. */
  static Instant instant(JsonNode epochSeconds) {
    return Instant.ofEpochMilli(epochSeconds.decimalValue().movePointRight(3).longValue());
  }

  static void printJson(ObjectNode json, PrintWriter out) throws Exception {
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    out.flush();
  }
}
