package dev.stepfold.arn;

import java.util.Objects;

/** {@code arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<version or alias>]}. */
public record StateMachineArn(String value) {
  public StateMachineArn {
    Arns.requireResource(value, "stateMachine");
  }

  public String name() {
    return Arns.segment(value, 6);
  }

  /** The execution of this state machine with the given name. */
  public ExecutionArn execution(String executionName) {
    Objects.requireNonNull(executionName, "executionName");
    var parts = value.split(":");
    return new ExecutionArn(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "execution", parts[6], executionName));
  }

  /** A synchronous Express execution: {@code ...:express:<state machine>:<name>:<id>}. */
  public ExecutionArn expressExecution(String executionName, String executionId) {
    var parts = value.split(":");
    return new ExecutionArn(
        String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "express", parts[6], executionName, executionId));
  }

  @Override
  public String toString() {
    return value;
  }
}
