package dev.stepfold.statemachine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * CreateStateMachine and UpdateStateMachine as AWS answers them, as a pure function of the state machine's current
 * revision (empty when it does not exist), the command and the time. The definition is validated by
 * {@link DefinitionParser}; a refused command writes nothing.
 */
public final class StateMachineDecider {
  /** AWS's {@code Name} rule: 1 to 80 characters, none of whitespace, brackets, wildcards, specials or controls. */
  private static final Pattern FORBIDDEN_IN_NAME =
      Pattern.compile("[\\s\\p{Z}<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]");

  public StateMachineDecision decide(Optional<StateMachine> current, StateMachineCommand command, Instant now) {
    if (command instanceof StateMachineCommand.CreateStateMachine create) {
      return create(current, create, now);
    }
    return update(current, (StateMachineCommand.UpdateStateMachine) command, now);
  }

  private static StateMachineDecision create(Optional<StateMachine> current, StateMachineCommand.CreateStateMachine create, Instant now) {
    if (!validName(create.name())) {
      return rejected(ApiError.INVALID_NAME, "Invalid Name: '" + create.name() + "'");
    }
    var arn = create.stateMachineArn();
    if (qualified(arn) || !arn.name().equals(create.name())) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: 'Expected the ARN of state machine " + create.name() + ", but got " + arn + "'");
    }
    if (create.versionDescription().isPresent() && !create.publish()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "Version description can only be set when publish is true");
    }
    var invalid = invalid(create.definition(), create.type());
    if (invalid.isPresent()) {
      return rejected(ApiError.INVALID_DEFINITION, invalid.get());
    }
    if (current.isPresent()) {
      return repeatedCreate(current.get(), create);
    }
    var created = new StateMachine(arn, Optional.empty(), create.name(), create.type(), create.definition(), create.roleArn(),
        revisionId(create.type(), create.roleArn(), create.definition()), now, now, Optional.empty(), 0, Optional.empty());
    var written = new ArrayList<StateMachine>();
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("stateMachineArn", arn.value());
    reply.put("creationDate", HistoryJson.epochSeconds(now));
    if (create.publish()) {
      created = publish(created, create.versionDescription(), now, written, reply);
    }
    written.add(0, created);
    return new StateMachineDecision(written, new Reply.Accepted(reply));
  }

  /** A create that matches the state machine as it is changes nothing and answers as the first did (AWS: idempotent). */
  private static StateMachineDecision repeatedCreate(StateMachine existing, StateMachineCommand.CreateStateMachine create) {
    var same = existing.type() == create.type() && existing.definition().equals(create.definition())
        && (!create.publish() || existing.latestVersionRevisionId().equals(Optional.of(existing.revisionId())));
    if (!same) {
      return rejected(ApiError.STATE_MACHINE_ALREADY_EXISTS, "State Machine Already Exists: '" + existing.stateMachineArn() + "'");
    }
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("stateMachineArn", existing.stateMachineArn().value());
    reply.put("creationDate", HistoryJson.epochSeconds(existing.creationDate()));
    if (create.publish()) {
      reply.put("stateMachineVersionArn", StateMachine.versionArn(existing.stateMachineArn(), existing.latestVersion()));
    }
    return new StateMachineDecision(List.of(), new Reply.Accepted(reply));
  }

  private static StateMachineDecision update(Optional<StateMachine> current, StateMachineCommand.UpdateStateMachine update, Instant now) {
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
      return rejected(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + arn + "'");
    }
    var existing = current.get();
    var definition = update.definition().orElse(existing.definition());
    var roleArn = update.roleArn().orElse(existing.roleArn());
    var invalid = invalid(definition, existing.type());
    if (invalid.isPresent()) {
      return rejected(ApiError.INVALID_DEFINITION, invalid.get());
    }
    var updated = new StateMachine(arn, Optional.empty(), existing.name(), existing.type(), definition, roleArn,
        revisionId(existing.type(), roleArn, definition), existing.creationDate(), now, Optional.empty(), existing.latestVersion(),
        existing.latestVersionRevisionId());
    var written = new ArrayList<StateMachine>();
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("updateDate", HistoryJson.epochSeconds(now));
    reply.put("revisionId", updated.revisionId());
    if (update.publish()) {
      updated = publish(updated, update.versionDescription(), now, written, reply);
    }
    written.add(0, updated);
    return new StateMachineDecision(written, new Reply.Accepted(reply));
  }

  /**
   * Publishes the revision as the next version (adding it to {@code written}), or answers the existing version when this
   * revision is already the newest one published; returns the revision with its latest version set.
   */
  private static StateMachine publish(StateMachine revision, Optional<String> description, Instant now, List<StateMachine> written,
      ObjectNode reply) {
    if (revision.latestVersionRevisionId().equals(Optional.of(revision.revisionId()))) {
      reply.put("stateMachineVersionArn", StateMachine.versionArn(revision.stateMachineArn(), revision.latestVersion()));
      return revision;
    }
    long version = revision.latestVersion() + 1;
    written.add(new StateMachine(revision.stateMachineArn(), Optional.of(version), revision.name(), revision.type(), revision.definition(),
        revision.roleArn(), revision.revisionId(), now, now, description, 0, Optional.empty()));
    reply.put("stateMachineVersionArn", StateMachine.versionArn(revision.stateMachineArn(), version));
    return new StateMachine(revision.stateMachineArn(), Optional.empty(), revision.name(), revision.type(), revision.definition(),
        revision.roleArn(), revision.revisionId(), revision.creationDate(), revision.updateDate(), Optional.empty(), version,
        Optional.of(revision.revisionId()));
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
    return arn.value().split(":", -1).length > 7;
  }

  public static boolean validName(String name) {
    int length = name.codePointCount(0, name.length());
    return length >= 1 && length <= 80 && !FORBIDDEN_IN_NAME.matcher(name).find()
        && name.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF || c == 0x10FFFF);
  }

  private static StateMachineDecision rejected(ApiError error, String message) {
    return new StateMachineDecision(List.of(), new Reply.Rejected(error, message));
  }
}
