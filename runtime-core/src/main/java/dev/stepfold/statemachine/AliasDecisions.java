package dev.stepfold.statemachine;

import static dev.stepfold.statemachine.StateMachineDecision.rejected;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EpochSeconds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creating, updating and deleting aliases, kept on the state machine's current revision. A routing configuration names
 * one or two distinct versions of the state machine that exist, with weights summing to 100 ({@link #invalidRouting});
 * AWS's wording of each refusal is kept. Creating an alias again with the same description and routing answers the
 * first create; with others it is a {@code ConflictException}.
 */
public final class AliasDecisions {
  /** AWS's quota of aliases per state machine. */
  static final int MAX_ALIASES = 100;
  /** {@code CharacterRestrictedName}: at least one letter, {@code _}, {@code -} or {@code .}, so never only digits (a version). */
  public static final Pattern NAME = Pattern.compile("^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  private static final String NOT_FOUND = "Request references a resource that does not exist.";

  private AliasDecisions() {}

  static StateMachineDecision create(StateMachineRecords records, StateMachineCommand.CreateStateMachineAlias create, Instant now) {
    var arn = create.stateMachineArn();
    int length = create.name().codePointCount(0, create.name().length());
    if (length < 1 || length > 80 || !NAME.matcher(create.name()).matches()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "1 validation error detected: Value '" + create.name()
          + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: " + NAME.pattern());
    }
    var invalid = invalidRouting(arn, create.routingConfiguration());
    if (invalid.isPresent()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, invalid.get());
    }
    var current = records.revision();
    if (current.isEmpty()) {
      return rejected(ApiError.RESOURCE_NOT_FOUND, NOT_FOUND);
    }
    var revision = current.get();
    if (revision.deleting()) {
      return StateMachineDecider.deleting(arn);
    }
    if (!versionsExist(records, create.routingConfiguration())) {
      return rejected(ApiError.RESOURCE_NOT_FOUND, NOT_FOUND);
    }
    var existing = revision.alias(create.name());
    if (existing.isPresent()) {
      var alias = existing.get();
      if (!alias.description().equals(create.description()) || !alias.routingConfiguration().equals(create.routingConfiguration())) {
        return rejected(ApiError.CONFLICT_EXCEPTION,
            "Failed to create alias because an alias with the same name and a different routing configuration already exists.");
      }
      return StateMachineDecision.unchanged(created(alias.arn(arn), alias.creationDate()));
    }
    if (revision.aliases().size() >= MAX_ALIASES) {
      return rejected(ApiError.SERVICE_QUOTA_EXCEEDED, "Exceeded the quota of " + MAX_ALIASES + " aliases of state machine '" + arn
          + "'; delete aliases that are no longer used");
    }
    var alias = new StateMachineAlias(create.name(), create.description(), create.routingConfiguration(), now, now);
    var aliases = new ArrayList<>(revision.aliases());
    aliases.add(alias);
    return new StateMachineDecision(List.of(revision.withAliases(aliases)), new Reply.Accepted(created(alias.arn(arn), now)));
  }

  static StateMachineDecision update(StateMachineRecords records, StateMachineCommand.UpdateStateMachineAlias update, Instant now) {
    var arn = update.stateMachineArn();
    var target = aliasOf(arn, update.stateMachineAliasArn());
    if (target.isEmpty()) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + update.stateMachineAliasArn() + "'");
    }
    if (update.description().isEmpty() && update.routingConfiguration().isEmpty()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, "Either the description or the routingConfiguration must be specified");
    }
    var invalid = update.routingConfiguration().flatMap(routing -> invalidRouting(arn, routing));
    if (invalid.isPresent()) {
      return rejected(ApiError.VALIDATION_EXCEPTION, invalid.get());
    }
    var current = records.revision();
    var existing = current.flatMap(revision -> revision.alias(target.get().name()));
    if (existing.isEmpty()) {
      return rejected(ApiError.RESOURCE_NOT_FOUND, NOT_FOUND);
    }
    var revision = current.get();
    if (revision.deleting()) {
      return StateMachineDecider.deleting(arn);
    }
    if (update.routingConfiguration().isPresent() && !versionsExist(records, update.routingConfiguration().get())) {
      return rejected(ApiError.RESOURCE_NOT_FOUND, NOT_FOUND);
    }
    var alias = existing.get();
    var description = update.description().isPresent() ? update.description() : alias.description();
    var routing = update.routingConfiguration().orElse(alias.routingConfiguration());
    if (description.equals(alias.description()) && routing.equals(alias.routingConfiguration())) {
      return StateMachineDecision.unchanged(updated(alias.updateDate()));
    }
    var changed = new StateMachineAlias(alias.name(), description, routing, alias.creationDate(), now);
    var aliases = revision.aliases().stream().map(each -> each.name().equals(alias.name()) ? changed : each).toList();
    return new StateMachineDecision(List.of(revision.withAliases(aliases)), new Reply.Accepted(updated(now)));
  }

  /** DeleteStateMachineAlias; an alias that does not exist is deleted already (AWS answers it with success). */
  static StateMachineDecision delete(StateMachineRecords records, StateMachineCommand.DeleteStateMachineAlias delete) {
    var target = aliasOf(delete.stateMachineArn(), delete.stateMachineAliasArn());
    if (target.isEmpty()) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + delete.stateMachineAliasArn() + "'");
    }
    var current = records.revision();
    if (current.isEmpty() || current.get().alias(target.get().name()).isEmpty()) {
      return StateMachineDecision.done(List.of(), List.of());
    }
    var revision = current.get();
    var aliases = revision.aliases().stream().filter(alias -> !alias.name().equals(target.get().name())).toList();
    return StateMachineDecision.done(List.of(revision.withAliases(aliases)), List.of());
  }

  /**
   * What is wrong with a routing configuration, in AWS's words, whatever the versions' existence: one or two items,
   * weights of 0 to 100, each a version ARN of {@code stateMachineArn}, distinct, weights summing to 100. Shared with the
   * API, which answers these with {@code reason: INVALID_ROUTING_CONFIGURATION}.
   */
  public static Optional<String> invalidRouting(StateMachineArn stateMachineArn, List<StateMachineAlias.Route> routing) {
    var arns = routing.stream().map(StateMachineAlias.Route::stateMachineVersionArn).toList();
    if (routing.isEmpty() || routing.size() > 2) {
      return Optional.of("1 validation error detected: Value '" + arns + "' at 'routingConfiguration' failed to satisfy constraint: "
          + (routing.isEmpty() ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 2"));
    }
    for (int i = 0; i < routing.size(); i++) {
      int weight = routing.get(i).weight();
      if (weight < 0 || weight > 100) {
        return Optional.of("1 validation error detected: Value '" + weight + "' at 'routingConfiguration." + (i + 1)
            + ".member.weight' failed to satisfy constraint: Member must have value " + (weight < 0
            ? "greater than or equal to 0" : "less than or equal to 100"));
      }
    }
    var received = "[" + String.join(", ", arns) + "]";
    for (var versionArn : arns) {
      if (!isVersionOf(stateMachineArn, versionArn)) {
        return Optional.of("Routing configuration must contain state machine version ARNs. Received: " + received);
      }
    }
    if (arns.stream().distinct().count() != arns.size()) {
      return Optional.of("Routing configuration must contain distinct state machine version ARNs. Received: " + received);
    }
    var weights = routing.stream().map(StateMachineAlias.Route::weight).toList();
    if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
      return Optional.of("Sum of routing configuration weights must equal 100. Received: " + weights);
    }
    return Optional.empty();
  }

  private static boolean isVersionOf(StateMachineArn stateMachineArn, String versionArn) {
    try {
      var target = StateMachineTarget.of(new StateMachineArn(versionArn));
      return target instanceof StateMachineTarget.Version && target.stateMachineArn().equals(stateMachineArn);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean versionsExist(StateMachineRecords records, List<StateMachineAlias.Route> routing) {
    return routing.stream().allMatch(route -> {
      var version = (StateMachineTarget.Version) StateMachineTarget.of(new StateMachineArn(route.stateMachineVersionArn()));
      return records.version(version.number()).isPresent();
    });
  }

  /** The alias an alias ARN of this state machine names; empty when the ARN is no alias ARN of it. */
  private static Optional<StateMachineTarget.Alias> aliasOf(StateMachineArn stateMachineArn, String aliasArn) {
    try {
      var target = StateMachineTarget.of(new StateMachineArn(aliasArn));
      return target instanceof StateMachineTarget.Alias alias && alias.stateMachineArn().equals(stateMachineArn)
          ? Optional.of(alias) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode created(String aliasArn, Instant creationDate) {
    return JsonNodeFactory.instance.objectNode().put("stateMachineAliasArn", aliasArn)
        .put("creationDate", EpochSeconds.of(creationDate));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode updated(Instant updateDate) {
    return JsonNodeFactory.instance.objectNode().put("updateDate", EpochSeconds.of(updateDate));
  }
}
