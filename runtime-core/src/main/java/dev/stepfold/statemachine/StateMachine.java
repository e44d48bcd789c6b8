package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.tags.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A state machine's current revision, or one of its published versions ({@code version} set): what StartExecution runs
 * when it names the state machine, a version or an alias.
 *
 * @param stateMachineArn the state machine's ARN, unqualified, also for a version
 * @param definition the ASL JSON document, as the caller sent it
 * @param revisionId derived from type, role and definition: an unchanged revision keeps its id
 * @param latestVersion on the current revision, the newest published version's number (0: none)
 * @param latestVersionRevisionId on the current revision, the revision the newest version published, while that version exists
 * @param status on the current revision, ACTIVE or DELETING; versions are ACTIVE while they exist
 * @param aliases on the current revision, its aliases, oldest first
 * @param tags on the current revision, its tags
 * @param deletionWaitsFor on a DELETING revision, the partitions where executions of it may still run
 */
public record StateMachine(
    StateMachineArn stateMachineArn,
    Optional<Long> version,
    String name,
    ExecutionType type,
    String definition,
    String roleArn,
    String revisionId,
    Instant creationDate,
    Instant updateDate,
    Optional<String> description,
    long latestVersion,
    Optional<String> latestVersionRevisionId,
    StateMachineStatus status,
    List<StateMachineAlias> aliases,
    Tags tags,
    List<Integer> deletionWaitsFor) {
  public StateMachine {
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(revisionId, "revisionId");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(updateDate, "updateDate");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(latestVersionRevisionId, "latestVersionRevisionId");
    Objects.requireNonNull(status, "status");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(tags, "tags");
    deletionWaitsFor = List.copyOf(deletionWaitsFor);
  }

  /** An ACTIVE revision or version without aliases or tags. */
  public StateMachine(StateMachineArn stateMachineArn, Optional<Long> version, String name, ExecutionType type, String definition,
      String roleArn, String revisionId, Instant creationDate, Instant updateDate, Optional<String> description, long latestVersion,
      Optional<String> latestVersionRevisionId) {
    this(stateMachineArn, version, name, type, definition, roleArn, revisionId, creationDate, updateDate, description, latestVersion,
        latestVersionRevisionId, StateMachineStatus.ACTIVE, List.of(), Tags.NONE, List.of());
  }

  /** The ARN this record is kept under: the state machine's, or {@code <ARN>:<version>} for a version. */
  public String key() {
    return version.map(number -> versionArn(stateMachineArn, number)).orElse(stateMachineArn.value());
  }

  public static String versionArn(StateMachineArn stateMachineArn, long version) {
    return stateMachineArn.value() + ":" + version;
  }

  public Optional<StateMachineAlias> alias(String aliasName) {
    return aliases.stream().filter(alias -> alias.name().equals(aliasName)).findFirst();
  }

  public boolean deleting() {
    return status == StateMachineStatus.DELETING;
  }

  /** The revision with a new definition and role, updated at {@code now}; versions, aliases and tags stay. */
  StateMachine revised(String newDefinition, String newRoleArn, String newRevisionId, Instant now) {
    return new StateMachine(stateMachineArn, version, name, type, newDefinition, newRoleArn, newRevisionId, creationDate, now, description,
        latestVersion, latestVersionRevisionId, status, aliases, tags, deletionWaitsFor);
  }

  /** The revision after a version was published from it, or after its newest version went ({@code revision} empty). */
  StateMachine withLatestVersion(long number, Optional<String> revision) {
    return new StateMachine(stateMachineArn, version, name, type, definition, roleArn, revisionId, creationDate, updateDate, description,
        number, revision, status, aliases, tags, deletionWaitsFor);
  }

  StateMachine withAliases(List<StateMachineAlias> newAliases) {
    return new StateMachine(stateMachineArn, version, name, type, definition, roleArn, revisionId, creationDate, updateDate, description,
        latestVersion, latestVersionRevisionId, status, newAliases, tags, deletionWaitsFor);
  }

  public StateMachine withTags(Tags newTags) {
    return new StateMachine(stateMachineArn, version, name, type, definition, roleArn, revisionId, creationDate, updateDate, description,
        latestVersion, latestVersionRevisionId, status, aliases, newTags, deletionWaitsFor);
  }

  /**
   * DELETING, without aliases (DeleteStateMachine deletes them with the versions), waiting until no execution of it
   * runs in any of {@code partitions}.
   */
  StateMachine markedDeleting(List<Integer> partitions) {
    return new StateMachine(stateMachineArn, version, name, type, definition, roleArn, revisionId, creationDate, updateDate, description,
        latestVersion, Optional.empty(), StateMachineStatus.DELETING, List.of(), tags, partitions);
  }

  /** This revision published as version {@code number} at {@code now}, with its description. */
  StateMachine asVersion(long number, Optional<String> versionDescription, Instant now) {
    return new StateMachine(stateMachineArn, Optional.of(number), name, type, definition, roleArn, revisionId, now, now, versionDescription, 0,
        Optional.empty());
  }
}
