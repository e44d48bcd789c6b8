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
    return new ExecutionArn(Arns.prefix(value, 5) + "execution:" + name() + ":" + executionName);
  }

  /** A synchronous Express execution: {@code ...:express:<state machine>:<name>:<id>}. */
  public ExecutionArn expressExecution(String executionName, String executionId) {
    return new ExecutionArn(Arns.prefix(value, 5) + "express:" + name() + ":" + executionName + ":" + executionId);
  }

  @Override
  public String toString() {
    return value;
  }
}
