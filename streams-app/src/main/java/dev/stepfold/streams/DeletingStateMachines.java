package dev.stepfold.streams;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.StateMachineDirectory;
import dev.stepfold.statemachine.StateMachine;
import java.util.Objects;

/**
 * Which state machines are being deleted, as this instance's global store shows them: the engine asks when it decides
 * a redrive (R7: an execution of a DELETING state machine is not redrivable), and DescribeExecution's redrive status
 * says why. The topology is built before the instance's {@code KafkaStreams} exists, so the store's reads are given
 * once it does ({@link #readFrom}); until then, and while the store cannot be read, no state machine is being deleted.
 */
final class DeletingStateMachines implements StateMachineDirectory {
  private volatile StateMachineReads reads;

  void readFrom(StateMachineReads stateMachineReads) {
    this.reads = Objects.requireNonNull(stateMachineReads, "stateMachineReads");
  }

  @Override
  public boolean deleting(StateMachineArn stateMachineArn) {
    var current = reads;
    if (current == null) {
      return false;
    }
    try {
      return current.find(stateMachineArn.value()).map(StateMachine::deleting).orElse(false);
    } catch (ReadFailure e) {
      return false;
    }
  }
}
