package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.executionType;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.AliasRoute;
import dev.stepfold.schemas.CheckStateMachineExecutionsCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateStateMachineAliasCommand;
import dev.stepfold.schemas.CreateStateMachineCommand;
import dev.stepfold.schemas.DeleteStateMachineAliasCommand;
import dev.stepfold.schemas.DeleteStateMachineCommand;
import dev.stepfold.schemas.DeleteStateMachineVersionCommand;
import dev.stepfold.schemas.PublishStateMachineVersionCommand;
import dev.stepfold.schemas.ResolveRedriveExecutionCommand;
import dev.stepfold.schemas.ResolveStartExecutionCommand;
import dev.stepfold.schemas.ResourceTag;
import dev.stepfold.schemas.RoutingConfigurationItem;
import dev.stepfold.schemas.StateMachineAliasRecord;
import dev.stepfold.schemas.StateMachineExecutionsEndedCommand;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.schemas.StateMachineTag;
import dev.stepfold.schemas.TagResourceCommand;
import dev.stepfold.schemas.UntagResourceCommand;
import dev.stepfold.schemas.UpdateStateMachineAliasCommand;
import dev.stepfold.schemas.UpdateStateMachineCommand;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineAlias;
import dev.stepfold.statemachine.StateMachineCommand;
import dev.stepfold.statemachine.StateMachineStatus;
import dev.stepfold.tags.Tag;
import dev.stepfold.tags.Tags;
import java.util.List;
import java.util.Optional;

/**
 * State machines ⇄ Avro: {@link StateMachine} ⇄ {@link StateMachineRecord} (the stepfold.state-machines topic), and
 * the state machine branches of {@link CommandRecord} ⇄ {@link StateMachineCommand}. The command's envelope
 * {@code executionArn} holds the state machine's ARN, its key.
 */
public final class StateMachineAvro {
  private StateMachineAvro() {}

  /**
   * Whether the record is a command to a state machine rather than to an execution or a map run: one of its operations,
   * a start it is asked to complete, or a tag command of any resource (which {@link #isStateMachineArn} tells apart).
   */
  public static boolean isStateMachineCommand(CommandRecord record) {
    var command = record.getCommand();
    return command instanceof CreateStateMachineCommand || command instanceof UpdateStateMachineCommand
        || command instanceof DeleteStateMachineCommand || command instanceof PublishStateMachineVersionCommand
        || command instanceof DeleteStateMachineVersionCommand || command instanceof CreateStateMachineAliasCommand
        || command instanceof UpdateStateMachineAliasCommand || command instanceof DeleteStateMachineAliasCommand
        || command instanceof ResolveStartExecutionCommand || command instanceof ResolveRedriveExecutionCommand
        || command instanceof CheckStateMachineExecutionsCommand
        || command instanceof StateMachineExecutionsEndedCommand || isTagCommand(record);
  }

  /** TagResource or UntagResource, keyed by the ARN of the resource: a state machine or an activity. */
  public static boolean isTagCommand(CommandRecord record) {
    return record.getCommand() instanceof TagResourceCommand || record.getCommand() instanceof UntagResourceCommand;
  }

  /** Whether a resource ARN names a state machine (or one of its versions or aliases). */
  public static boolean isStateMachineArn(String arn) {
    try {
      new StateMachineArn(arn);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The command a state machine command record holds; {@link IllegalArgumentException} when its ARN or type is not one. */
  public static StateMachineCommand command(CommandRecord record) {
    var arn = new StateMachineArn(record.getExecutionArn());
    var requestId = record.getRequestId();
    var branch = record.getCommand();
    if (branch instanceof CreateStateMachineCommand c) {
      return new StateMachineCommand.CreateStateMachine(requestId, arn, c.getName(), c.getDefinition(), c.getRoleArn(),
          executionType(c.getType()), c.getPublish(), optional(c.getVersionDescription()),
          c.getTags().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList());
    }
    if (branch instanceof UpdateStateMachineCommand c) {
      return new StateMachineCommand.UpdateStateMachine(requestId, arn, optional(c.getDefinition()), optional(c.getRoleArn()),
          c.getPublish(), optional(c.getVersionDescription()));
    }
    if (branch instanceof DeleteStateMachineCommand) {
      return new StateMachineCommand.DeleteStateMachine(requestId, arn);
    }
    if (branch instanceof PublishStateMachineVersionCommand c) {
      return new StateMachineCommand.PublishStateMachineVersion(requestId, arn, optional(c.getRevisionId()), optional(c.getDescription()));
    }
    if (branch instanceof DeleteStateMachineVersionCommand c) {
      return new StateMachineCommand.DeleteStateMachineVersion(requestId, arn, c.getStateMachineVersionArn());
    }
    if (branch instanceof CreateStateMachineAliasCommand c) {
      return new StateMachineCommand.CreateStateMachineAlias(requestId, arn, c.getName(), optional(c.getDescription()),
          routes(c.getRoutingConfiguration()));
    }
    if (branch instanceof UpdateStateMachineAliasCommand c) {
      return new StateMachineCommand.UpdateStateMachineAlias(requestId, arn, c.getStateMachineAliasArn(), optional(c.getDescription()),
          Optional.ofNullable(c.getRoutingConfiguration()).map(StateMachineAvro::routes));
    }
    if (branch instanceof DeleteStateMachineAliasCommand c) {
      return new StateMachineCommand.DeleteStateMachineAlias(requestId, arn, c.getStateMachineAliasArn());
    }
    if (branch instanceof TagResourceCommand c) {
      return new StateMachineCommand.TagStateMachine(requestId, arn, tags(c.getTags()));
    }
    if (branch instanceof UntagResourceCommand c) {
      return new StateMachineCommand.UntagStateMachine(requestId, arn, c.getTagKeys());
    }
    if (branch instanceof StateMachineExecutionsEndedCommand c) {
      return new StateMachineCommand.StateMachineExecutionsEnded(requestId, arn, c.getPartition());
    }
    throw new IllegalStateException("Expected a state machine command, but got " + branch.getClass().getName());
  }

  public static CommandRecord avro(StateMachineCommand command) {
    return CommandRecord.newBuilder()
        .setRequestId(command.requestId())
        .setExecutionArn(command.stateMachineArn().value())
        .setCommand(branch(command))
        .build();
  }

  private static Object branch(StateMachineCommand command) {
    if (command instanceof StateMachineCommand.CreateStateMachine c) {
      return CreateStateMachineCommand.newBuilder().setName(c.name()).setDefinition(c.definition()).setRoleArn(c.roleArn())
          .setType(c.type().name()).setPublish(c.publish()).setVersionDescription(orNull(c.versionDescription()))
          .setTags(c.tags().stream().map(tag -> new ResourceTag(tag.key(), tag.value())).toList()).build();
    }
    if (command instanceof StateMachineCommand.UpdateStateMachine c) {
      return UpdateStateMachineCommand.newBuilder().setDefinition(orNull(c.definition())).setRoleArn(orNull(c.roleArn()))
          .setPublish(c.publish()).setVersionDescription(orNull(c.versionDescription())).build();
    }
    if (command instanceof StateMachineCommand.DeleteStateMachine) {
      return new DeleteStateMachineCommand();
    }
    if (command instanceof StateMachineCommand.PublishStateMachineVersion c) {
      return new PublishStateMachineVersionCommand(orNull(c.revisionId()), orNull(c.description()));
    }
    if (command instanceof StateMachineCommand.DeleteStateMachineVersion c) {
      return new DeleteStateMachineVersionCommand(c.stateMachineVersionArn());
    }
    if (command instanceof StateMachineCommand.CreateStateMachineAlias c) {
      return new CreateStateMachineAliasCommand(c.name(), orNull(c.description()), routingItems(c.routingConfiguration()));
    }
    if (command instanceof StateMachineCommand.UpdateStateMachineAlias c) {
      return new UpdateStateMachineAliasCommand(c.stateMachineAliasArn(), orNull(c.description()),
          c.routingConfiguration().map(StateMachineAvro::routingItems).orElse(null));
    }
    if (command instanceof StateMachineCommand.DeleteStateMachineAlias c) {
      return new DeleteStateMachineAliasCommand(c.stateMachineAliasArn());
    }
    if (command instanceof StateMachineCommand.TagStateMachine c) {
      return new TagResourceCommand(c.tags().stream().map(tag -> new ResourceTag(tag.key(), tag.value())).toList());
    }
    if (command instanceof StateMachineCommand.UntagStateMachine c) {
      return new UntagResourceCommand(c.tagKeys());
    }
    return new StateMachineExecutionsEndedCommand(((StateMachineCommand.StateMachineExecutionsEnded) command).partition());
  }

  /** The tags of a TagResource command, for any resource. */
  public static List<Tag> tags(List<ResourceTag> tags) {
    return tags.stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList();
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
        .setStatus(stateMachine.status().name())
        .setAliases(stateMachine.aliases().stream().map(alias -> StateMachineAliasRecord.newBuilder()
            .setName(alias.name())
            .setDescription(orNull(alias.description()))
            .setRoutingConfiguration(alias.routingConfiguration().stream()
                .map(route -> new AliasRoute(route.stateMachineVersionArn(), route.weight())).toList())
            .setCreationDate(alias.creationDate())
            .setUpdateDate(alias.updateDate())
            .build()).toList())
        .setTags(stateMachine.tags().list().stream().map(tag -> new StateMachineTag(tag.key(), tag.value())).toList())
        .setDeletionWaitsFor(stateMachine.deletionWaitsFor())
        .build();
  }

  public static StateMachine stateMachine(StateMachineRecord record) {
    return new StateMachine(new StateMachineArn(record.getStateMachineArn()), Optional.ofNullable(record.getVersion()), record.getName(),
        executionType(record.getType()), record.getDefinition(), record.getRoleArn(), record.getRevisionId(), record.getCreationDate(),
        record.getUpdateDate(), optional(record.getDescription()), record.getLatestVersion(), optional(record.getLatestVersionRevisionId()),
        StateMachineStatus.valueOf(record.getStatus()),
        record.getAliases().stream().map(alias -> new StateMachineAlias(alias.getName(), optional(alias.getDescription()),
            alias.getRoutingConfiguration().stream().map(route -> new StateMachineAlias.Route(route.getStateMachineVersionArn(),
                route.getWeight())).toList(), alias.getCreationDate(), alias.getUpdateDate())).toList(),
        new Tags(record.getTags().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList()), record.getDeletionWaitsFor());
  }

  private static List<StateMachineAlias.Route> routes(List<RoutingConfigurationItem> items) {
    return items.stream().map(item -> new StateMachineAlias.Route(item.getStateMachineVersionArn(), item.getWeight())).toList();
  }

  private static List<RoutingConfigurationItem> routingItems(List<StateMachineAlias.Route> routes) {
    return routes.stream().map(route -> new RoutingConfigurationItem(route.stateMachineVersionArn(), route.weight())).toList();
  }
}
