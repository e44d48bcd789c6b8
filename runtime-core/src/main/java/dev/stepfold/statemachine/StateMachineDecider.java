package dev.stepfold.statemachine;

import static dev.stepfold.statemachine.StateMachineDecision.rejected;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ResourceNames;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EpochSeconds;
import dev.stepfold.tags.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The commands of a state machine as AWS answers them, as a pure function of what its key holds (the current revision,
 * empty when it does not exist, and its versions), the command and the time: create, update and delete (which waits
 * until no execution of the state machine runs in any partition of the commands topic) here; publishing
 * and deleting versions in {@link VersionDecisions}; aliases in {@link AliasDecisions}; tags through {@link Tags}. The
 * definition is validated by {@link DefinitionParser}; a refused command writes nothing.
 */
public final class StateMachineDecider {
  private final int commandPartitions;

  /** A decider for a commands topic of one partition. */
  public StateMachineDecider() {
    this(1);
  }

  /** A decider for a commands topic of {@code commandPartitions} partitions: where a deleted state machine's executions may run. */
  public StateMachineDecider(int commandPartitions) {
    if (commandPartitions < 1) {
      throw new IllegalArgumentException("Expected at least one partition, but got " + commandPartitions);
    }
    this.commandPartitions = commandPartitions;
  }

  /** A state machine with no versions: for create and update, which need no more. */
  public StateMachineDecision decide(Optional<StateMachine> current, StateMachineCommand command, Instant now) {
    return decide(StateMachineRecords.of(current, Map.of()), command, now);
  }

  public StateMachineDecision decide(StateMachineRecords records, StateMachineCommand command, Instant now) {
    var current = records.revision();
    if (command instanceof StateMachineCommand.CreateStateMachine create) {
      return create(current, create, records, now);
    }
    if (command instanceof StateMachineCommand.UpdateStateMachine update) {
      return update(current, update, records, now);
    }
    if (command instanceof StateMachineCommand.DeleteStateMachine delete) {
      return delete(current, delete, records);
    }
    if (command instanceof StateMachineCommand.PublishStateMachineVersion publish) {
      return VersionDecisions.publish(records, publish, now);
    }
    if (command instanceof StateMachineCommand.DeleteStateMachineVersion delete) {
      return VersionDecisions.delete(records, delete);
    }
    if (command instanceof StateMachineCommand.CreateStateMachineAlias create) {
      return AliasDecisions.create(records, create, now);
    }
    if (command instanceof StateMachineCommand.UpdateStateMachineAlias update) {
      return AliasDecisions.update(records, update, now);
    }
    if (command instanceof StateMachineCommand.DeleteStateMachineAlias delete) {
      return AliasDecisions.delete(records, delete);
    }
    if (command instanceof StateMachineCommand.TagStateMachine tag) {
      return tag(current, tag);
    }
    if (command instanceof StateMachineCommand.StateMachineExecutionsEnded ended) {
      return executionsEnded(current, ended);
    }
    return untag(current, (StateMachineCommand.UntagStateMachine) command);
  }

  private static StateMachineDecision create(Optional<StateMachine> current, StateMachineCommand.CreateStateMachine create,
      StateMachineRecords records, Instant now) {
    if (!ResourceNames.isValid(create.name())) {
      return rejected(ApiError.INVALID_NAME, "Invalid Name: '" + create.name() + "'");
    }
    var arn = create.stateMachineArn();
    if (qualified(arn) || !arn.name().equals(create.name())) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: 'Expected the ARN of state machine " + create.name() + ", but got " + arn + "'");
    }
    if (!roleArn(create.roleArn())) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + create.roleArn() + "'");
    }
    if (create.versionDescription().isPresent() && !create.publish()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "Version description can only be set when publish is true");
    }
    var invalid = invalid(create.definition(), create.type());
    if (invalid.isPresent()) {
      return rejected(ApiError.INVALID_DEFINITION, invalid.get());
    }
    if (current.isPresent()) {
      return current.get().deleting() ? deleting(arn) : repeatedCreate(current.get(), create, records);
    }
    var tagged = Tags.NONE.tag(arn.value(), create.tags());
    if (tagged instanceof Tags.Outcome.Refused refused) {
      return rejected(refused.error(), refused.message());
    }
    var created = new StateMachine(arn, Optional.empty(), create.name(), create.type(), create.definition(), create.roleArn(),
        revisionId(create.type(), create.roleArn(), create.definition()), now, now, Optional.empty(), 0, Optional.empty())
        .withTags(((Tags.Outcome.Changed) tagged).tags());
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("stateMachineArn", arn.value());
    reply.put("creationDate", EpochSeconds.of(now));
    if (!create.publish()) {
      return new StateMachineDecision(List.of(created), new Reply.Accepted(reply));
    }
    return VersionDecisions.publishing(created, records, create.versionDescription(), now, reply);
  }

  /** A create that matches the state machine as it is changes nothing and answers as the first did (AWS: idempotent). */
  private static StateMachineDecision repeatedCreate(StateMachine existing, StateMachineCommand.CreateStateMachine create,
      StateMachineRecords records) {
    var published = VersionDecisions.publishedRevision(existing, records);
    var same = existing.type() == create.type() && existing.definition().equals(create.definition())
        && (!create.publish() || published.isPresent());
    if (!same) {
      return rejected(ApiError.STATE_MACHINE_ALREADY_EXISTS, "State Machine Already Exists: '" + existing.stateMachineArn() + "'");
    }
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("stateMachineArn", existing.stateMachineArn().value());
    reply.put("creationDate", EpochSeconds.of(existing.creationDate()));
    published.ifPresent(version -> reply.put("stateMachineVersionArn", version.key()));
    return StateMachineDecision.unchanged(reply);
  }

  private static StateMachineDecision update(Optional<StateMachine> current, StateMachineCommand.UpdateStateMachine update,
      StateMachineRecords records, Instant now) {
    var arn = update.stateMachineArn();
    if (qualified(arn)) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + arn + "'");
    }
    if (update.definition().isEmpty() && update.roleArn().isEmpty()) {
      return rejected(ApiError.MISSING_REQUIRED_PARAMETER, "Either the definition or the roleArn must be specified");
    }
    if (update.versionDescription().isPresent() && !update.publish()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "Version description can only be set when publish is true");
    }
    if (current.isEmpty()) {
      return doesNotExist(arn.value());
    }
    var existing = current.get();
    if (existing.deleting()) {
      return deleting(arn);
    }
    var definition = update.definition().orElse(existing.definition());
    if (update.roleArn().filter(role -> !roleArn(role)).isPresent()) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + update.roleArn().get() + "'");
    }
    var roleArn = update.roleArn().orElse(existing.roleArn());
    var invalid = invalid(definition, existing.type());
    if (invalid.isPresent()) {
      return rejected(ApiError.INVALID_DEFINITION, invalid.get());
    }
    var updated = existing.revised(definition, roleArn, revisionId(existing.type(), roleArn, definition), now);
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("updateDate", EpochSeconds.of(now));
    reply.put("revisionId", updated.revisionId());
    if (!update.publish()) {
      return new StateMachineDecision(List.of(updated), new Reply.Accepted(reply));
    }
    return VersionDecisions.publishing(updated, records, update.versionDescription(), now, reply);
  }

  /**
   * DeleteStateMachine: the revision goes DELETING and its versions and aliases are deleted; its running executions go
   * on with the definitions they started with, and every partition is asked to say when none of them runs there any
   * more ({@link #executionsEnded}). Deleting a state machine that does not exist, or again, changes nothing and is
   * answered as AWS answers it: with success.
   */
  private StateMachineDecision delete(Optional<StateMachine> current, StateMachineCommand.DeleteStateMachine delete,
      StateMachineRecords records) {
    if (qualified(delete.stateMachineArn())) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "Expected the ARN of a state machine, but got a qualified ARN: '"
          + delete.stateMachineArn() + "'");
    }
    if (current.isEmpty() || current.get().deleting()) {
      return StateMachineDecision.done(List.of(), List.of());
    }
    var versions = records.versionNumbers().stream().map(number -> StateMachine.versionArn(delete.stateMachineArn(), number)).toList();
    var partitions = IntStream.range(0, commandPartitions).boxed().toList();
    return new StateMachineDecision(List.of(current.get().markedDeleting(partitions)), versions, partitions,
        new Reply.Accepted(JsonNodeFactory.instance.objectNode()));
  }

  /**
   * A partition has no running execution of the DELETING state machine any more: once none is left, the state machine
   * is deleted, and its name can be taken again. Anything else (a repeat, a state machine not being deleted) changes
   * nothing.
   */
  private static StateMachineDecision executionsEnded(Optional<StateMachine> current, StateMachineCommand.StateMachineExecutionsEnded ended) {
    var reply = new Reply.Accepted(JsonNodeFactory.instance.objectNode());
    if (current.isEmpty() || !current.get().deleting() || !current.get().deletionWaitsFor().contains(ended.partition())) {
      return new StateMachineDecision(List.of(), reply);
    }
    var revision = current.get();
    var left = revision.deletionWaitsFor().stream().filter(partition -> partition != ended.partition()).toList();
    if (left.isEmpty()) {
      return new StateMachineDecision(List.of(), List.of(revision.key()), List.of(), reply);
    }
    return new StateMachineDecision(List.of(revision.markedDeleting(left)), reply);
  }

  private static StateMachineDecision tag(Optional<StateMachine> current, StateMachineCommand.TagStateMachine tag) {
    var arn = tag.stateMachineArn();
    if (qualified(arn) || current.isEmpty()) {
      return resourceNotFound(arn.value());
    }
    var outcome = current.get().tags().tag(arn.value(), tag.tags());
    if (outcome instanceof Tags.Outcome.Refused refused) {
      return rejected(refused.error(), refused.message());
    }
    return StateMachineDecision.done(List.of(current.get().withTags(((Tags.Outcome.Changed) outcome).tags())), List.of());
  }

  private static StateMachineDecision untag(Optional<StateMachine> current, StateMachineCommand.UntagStateMachine untag) {
    var arn = untag.stateMachineArn();
    if (qualified(arn) || current.isEmpty()) {
      return resourceNotFound(arn.value());
    }
    return StateMachineDecision.done(List.of(current.get().withTags(current.get().tags().untag(untag.tagKeys()))), List.of());
  }

  private static Optional<String> invalid(String definition, ExecutionType type) {
    var parsed = DefinitionParser.parse(definition, type);
    return parsed instanceof ParsedDefinition.Invalid invalid ? Optional.of(invalid.message()) : Optional.empty();
  }

  private static String revisionId(ExecutionType type, String roleArn, String definition) {
    var content = type.name() + "\n" + roleArn + "\n" + definition;
    return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A version or alias ARN ({@code ...:stateMachine:<name>:<qualifier>}). */
  static boolean qualified(StateMachineArn arn) {
    return !(StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest);
  }

  private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/.+");

  /** Whether a state machine's role is an IAM role's ARN ({@code arn:aws:iam::<account>:role/<name>}), as AWS requires. */
  static boolean roleArn(String roleArn) {
    return ROLE_ARN.matcher(roleArn).matches();
  }

  static StateMachineDecision doesNotExist(String arn) {
    return rejected(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + arn + "'");
  }

  static StateMachineDecision deleting(StateMachineArn arn) {
    return rejected(ApiError.STATE_MACHINE_DELETING, deletingMessage(arn.value()));
  }

  /** {@code StateMachineDeleting}'s message. */
  public static String deletingMessage(String arn) {
    return "State Machine is being deleted: '" + arn + "'";
  }

  /** {@code ResourceNotFound}'s message for a resource AWS cannot find, as it answers TagResource of a version. */
  public static String resourceNotFoundMessage(String arn) {
    return "Resource not found: '" + arn + "'";
  }

  private static StateMachineDecision resourceNotFound(String arn) {
    return rejected(ApiError.RESOURCE_NOT_FOUND, resourceNotFoundMessage(arn));
  }
}
