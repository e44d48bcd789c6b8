package dev.stepfold.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import java.util.Optional;

/**
 * The AWS error for a record of the commands topic that the engine cannot take, so that whoever sent it (kcat, a
 * producer of its own) reads why on {@code stepfold.replies} under its request id, as an API caller would: a missing
 * member is AWS's {@code ValidationException} naming it, a malformed ARN {@code InvalidArn}, a definition that does not
 * validate {@code InvalidDefinition}. A record whose request id cannot be read cannot be answered: it is a dead letter.
 */
final class CommandRefusals {
  private CommandRefusals() {}

  /** A record that does not decode as a command ({@code reason}): who to answer, when it is a JSON object with a request id. */
  static Optional<Refusal> ofUndecodable(byte[] value, String key, String reason) {
    if (value == null || value.length == 0 || value[0] == 0) {
      return Optional.empty();
    }
    return JsonCommands.address(value).map(address -> new Refusal(address.requestId(), address.executionArn().orElse(key == null ? "" : key),
        new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, reason)));
  }

  /** A command whose record key is not its executionArn ({@code reason}). */
  static Refusal ofWrongKey(CommandRecord command, String reason) {
    return new Refusal(command.getRequestId(), command.getExecutionArn(), new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, reason));
  }

  /**
   * The AWS error for a command that reads but cannot become the engine's command ({@code failure} says why): an
   * execution ARN that is not one, a start with its own definition but no role or a definition that is not valid, and
   * otherwise a {@code ValidationException} with the reason.
   */
  static Reply.Rejected of(CommandRecord avro, RuntimeException failure) {
    try {
      new ExecutionArn(avro.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return new Reply.Rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + e.getMessage() + "'");
    }
    if (avro.getCommand() instanceof StartExecutionCommand start) {
      ExecutionType type;
      try {
        type = start.getExecutionType() == null ? ExecutionType.STANDARD : ExecutionType.valueOf(start.getExecutionType());
      } catch (IllegalArgumentException e) {
        return new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, "1 validation error detected: Value '" + start.getExecutionType()
            + "' at 'executionType' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
      }
      if (start.getDefinition() != null && DefinitionParser.parse(start.getDefinition(), type) instanceof ParsedDefinition.Invalid invalid) {
        return new Reply.Rejected(ApiError.INVALID_DEFINITION, invalid.message());
      }
      if (start.getDefinition() != null && start.getRoleArn() == null) {
        return new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, JsonCommands.missing("roleArn"));
      }
    }
    if (avro.getCommand() instanceof RedriveExecutionCommand redrive && !correctedInputReads(redrive)) {
      return new Reply.Rejected(ApiError.INVALID_EXECUTION_INPUT, "Invalid State Machine Execution Input: '" + failure.getMessage() + "'");
    }
    return new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, failure.getMessage() == null ? failure.toString() : failure.getMessage());
  }

  /** Whether a redrive's corrected input is JSON, and its merge patch a JSON object. */
  private static boolean correctedInputReads(RedriveExecutionCommand redrive) {
    boolean input = redrive.getInput() == null || Json.parse(redrive.getInput()).isPresent();
    boolean merge = redrive.getInputMerge() == null || Json.parse(redrive.getInputMerge()).filter(JsonNode::isObject).isPresent();
    return input && merge;
  }

  /** The reply to {@code requestId}, keyed by {@code arn}. */
  record Refusal(String requestId, String arn, Reply.Rejected rejected) {}
}
