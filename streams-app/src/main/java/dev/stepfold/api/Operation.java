package dev.stepfold.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of the API: reads its members, turns them into a command (through {@link CommandGateway}) or a read,
 * and returns its output structure. An AWS error is an {@link ApiException}. An operation holds no state of its own.
 */
public interface Operation {
  /** The target prefix of AWS's operations: {@code X-Amz-Target: AWSStepFunctions.<name>}. */
  String AWS_TARGET_PREFIX = "AWSStepFunctions.";

  /** The operation's name, as AWS spells it ({@code StartExecution}). */
  String name();

  /** The {@code X-Amz-Target} the operation answers: AWS's prefix and its name, unless it is one of stepfold's own. */
  default String target() {
    return AWS_TARGET_PREFIX + name();
  }

  ObjectNode call(ApiRequest request);
}
