package dev.stepfold.arn;

/**
 * {@code arn:<partition>:states:<region>:<account>:execution:<state machine name>:<execution name>}, or for a synchronous
 * Express execution {@code ...:express:<state machine name>:<execution name>:<id>}.
 */
public record ExecutionArn(String value) {
  public ExecutionArn {
    Arns.requireResource(value, "execution", "express");
  }

  public String name() {
    return Arns.segment(value, 7);
  }

  /** The name of its state machine, as {@code stateMachine().name()} without building the state machine's ARN. */
  public String stateMachineName() {
    return Arns.segment(value, 6);
  }

  public StateMachineArn stateMachine() {
    return new StateMachineArn(Arns.prefix(value, 5) + "stateMachine:" + Arns.segment(value, 6));
  }

  /** Whether it is a child execution of a Distributed Map's map run ({@code <state machine name>/<map run label>}). */
  public boolean isMapRunChild() {
    return Arns.segment(value, 6).contains("/");
  }

  @Override
  public String toString() {
    return value;
  }
}
