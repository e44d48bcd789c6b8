package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A state machine's current revision, or one of its published versions ({@code version} set): what StartExecution runs
 * when it names the state machine or the version.
 *
 * @param stateMachineArn the state machine's ARN, unqualified, also for a version
 * @param definition the ASL JSON document, as the caller sent it
 * @param revisionId derived from type, role and definition: an unchanged revision keeps its id
 * @param latestVersion on the current revision, the newest published version's number (0: none)
 * @param latestVersionRevisionId on the current revision, the revision the newest version published
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
    Optional<String> latestVersionRevisionId) {
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
  }

  /** The ARN this record is kept under: the state machine's, or {@code <ARN>:<version>} for a version. */
  public String key() {
    return version.map(number -> versionArn(stateMachineArn, number)).orElse(stateMachineArn.value());
  }

  public static String versionArn(StateMachineArn stateMachineArn, long version) {
    return stateMachineArn.value() + ":" + version;
  }
}
