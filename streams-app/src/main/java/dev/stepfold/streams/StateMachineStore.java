package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.statemachine.StateMachine;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state machines as every task sees them: the global store fed by {@code stepfold.state-machines}, keyed by state
 * machine ARN (current revision) and version ARN ({@code ARN:version}). It completes a StartExecution that names a
 * state machine or version without carrying a definition. Aliases are not kept: an alias ARN is answered
 * {@code StateMachineDoesNotExist}.
 *
 * <p>The global store follows the topic a little behind the task that wrote it: a StartExecution produced right after
 * a CreateStateMachine's reply may, for that moment, be answered {@code StateMachineDoesNotExist}.
 */
final class StateMachineStore {
  private final KeyValueStore<String, StateMachineRecord> global;

  StateMachineStore(KeyValueStore<String, StateMachineRecord> global) {
    this.global = global;
  }

  /** The state machine's current revision, or the version a version ARN names. */
  Optional<StateMachine> find(String stateMachineOrVersionArn) {
    return Optional.ofNullable(global.get(stateMachineOrVersionArn)).map(StateMachineAvro::stateMachine);
  }

  /**
   * A StartExecution that carries no definition, completed with the definition, type and role of the state machine (or
   * version) it names; the AWS error when there is no such state machine. Any other command is returned as it is.
   */
  Completion complete(CommandRecord command) {
    if (!(command.getCommand() instanceof StartExecutionCommand start) || start.getDefinition() != null) {
      return new Completion.Complete(command);
    }
    var named = start.getStateMachineArn();
    StateMachineArn arn;
    ExecutionArn executionArn;
    try {
      arn = new StateMachineArn(named);
      executionArn = new ExecutionArn(command.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return new Completion.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    if (arn.name().contains("/")) {
      return new Completion.Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected a state machine or version ARN, but got the labelled ARN of a Distributed Map: '" + named + "'");
    }
    if (!executionArn.stateMachine().name().equals(arn.name())) {
      return new Completion.Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected an execution ARN of state machine '" + arn.name() + "', but got '" + executionArn + "'");
    }
    var found = find(named);
    if (found.isEmpty()) {
      return new Completion.Refused(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + named + "'");
    }
    var stateMachine = found.get();
    if (start.getExecutionType() != null && !start.getExecutionType().equals(stateMachine.type().name())) {
      return new Completion.Refused(ApiError.VALIDATION_EXCEPTION, "Expected executionType " + stateMachine.type()
          + " of state machine " + named + ", but got " + start.getExecutionType());
    }
    var completed = StartExecutionCommand.newBuilder(start)
        .setStateMachineArn(stateMachine.stateMachineArn().value())   // executions name the state machine, not the version
        .setExecutionType(stateMachine.type().name())
        .setDefinition(stateMachine.definition())
        .setRoleArn(start.getRoleArn() == null ? stateMachine.roleArn() : start.getRoleArn())
        .setStateMachineVersionArn(stateMachine.version().isPresent() ? named : null)
        .build();
    return new Completion.Complete(CommandRecord.newBuilder(command).setCommand(completed).build());
  }

  /** A command ready for the engine, or the AWS error that refuses it. */
  sealed interface Completion {
    record Complete(CommandRecord command) implements Completion {}

    record Refused(ApiError error, String message) implements Completion {}
  }
}
