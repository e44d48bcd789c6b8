package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.executionType;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateStateMachineCommand;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.schemas.UpdateStateMachineCommand;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineCommand;
import java.util.Optional;

/**
 * State machines ⇄ Avro: {@link StateMachine} ⇄ {@link StateMachineRecord} (the stepfold.state-machines topic), and
 * the state machine branches of {@link CommandRecord} ⇄ {@link StateMachineCommand}. The command's envelope
 * {@code executionArn} holds the state machine's ARN, its key.
 */
public final class StateMachineAvro {
  private StateMachineAvro() {}

  /** Whether the record is a command to a state machine rather than to an execution or a map run. */
  public static boolean isStateMachineCommand(CommandRecord record) {
    return record.getCommand() instanceof CreateStateMachineCommand || record.getCommand() instanceof UpdateStateMachineCommand;
  }

  /** The command a state machine command record holds; {@link IllegalArgumentException} when its ARN or type is not one. */
  public static StateMachineCommand command(CommandRecord record) {
    var arn = new StateMachineArn(record.getExecutionArn());
    if (record.getCommand() instanceof CreateStateMachineCommand c) {
      return new StateMachineCommand.CreateStateMachine(record.getRequestId(), arn, c.getName(), c.getDefinition(), c.getRoleArn(),
          executionType(c.getType()), c.getPublish(), optional(c.getVersionDescription()));
    }
    if (record.getCommand() instanceof UpdateStateMachineCommand c) {
      return new StateMachineCommand.UpdateStateMachine(record.getRequestId(), arn, optional(c.getDefinition()), optional(c.getRoleArn()),
          c.getPublish(), optional(c.getVersionDescription()));
    }
    throw new IllegalStateException("Expected a state machine command, but got " + record.getCommand().getClass().getName());
  }

  public static CommandRecord avro(StateMachineCommand command) {
    Object branch;
    if (command instanceof StateMachineCommand.CreateStateMachine c) {
      branch = CreateStateMachineCommand.newBuilder().setName(c.name()).setDefinition(c.definition()).setRoleArn(c.roleArn())
          .setType(c.type().name()).setPublish(c.publish()).setVersionDescription(orNull(c.versionDescription())).build();
    } else {
      var c = (StateMachineCommand.UpdateStateMachine) command;
      branch = UpdateStateMachineCommand.newBuilder().setDefinition(orNull(c.definition())).setRoleArn(orNull(c.roleArn()))
          .setPublish(c.publish()).setVersionDescription(orNull(c.versionDescription())).build();
    }
    return CommandRecord.newBuilder()
        .setRequestId(command.requestId())
        .setExecutionArn(command.stateMachineArn().value())
        .setCommand(branch)
        .build();
  }

  public static StateMachineRecord avro(StateMachine stateMachine) {
    return StateMachineRecord.newBuilder()
        .setStateMachineArn(stateMachine.stateMachineArn().value())
        .setVersion(stateMachine.version().orElse(null))
        .setName(stateMachine.name())
        .setType(stateMachine.type().name())
        .setDefinition(stateMachine.definition())
        .setRoleArn(stateMachine.roleArn())
        .setRevisionId(stateMachine.revisionId())
        .setCreationDate(stateMachine.creationDate())
        .setUpdateDate(stateMachine.updateDate())
        .setDescription(orNull(stateMachine.description()))
        .setLatestVersion(stateMachine.latestVersion())
        .setLatestVersionRevisionId(orNull(stateMachine.latestVersionRevisionId()))
        .build();
  }

  public static StateMachine stateMachine(StateMachineRecord record) {
    return new StateMachine(new StateMachineArn(record.getStateMachineArn()), Optional.ofNullable(record.getVersion()), record.getName(),
        executionType(record.getType()), record.getDefinition(), record.getRoleArn(), record.getRevisionId(), record.getCreationDate(),
        record.getUpdateDate(), optional(record.getDescription()), record.getLatestVersion(), optional(record.getLatestVersionRevisionId()));
  }
}
