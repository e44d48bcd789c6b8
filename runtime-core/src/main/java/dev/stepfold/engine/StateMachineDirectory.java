package dev.stepfold.engine;

import dev.stepfold.arn.StateMachineArn;

/**
 * Which state machines are being deleted: an execution of one is not redrivable (R7). The runtime answers from its
 * state machines store; the engine only asks, as it does of the {@link ActivityDirectory}.
 */
@FunctionalInterface
public interface StateMachineDirectory {
  /** No state machine is being deleted: for local runs, where state machines are not managed. */
  StateMachineDirectory NONE_DELETING = stateMachineArn -> false;

  /** Whether the state machine is in DELETING status. */
  boolean deleting(StateMachineArn stateMachineArn);
}
