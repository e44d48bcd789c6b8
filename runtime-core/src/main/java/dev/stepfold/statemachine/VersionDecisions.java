package dev.stepfold.statemachine;

import static dev.stepfold.statemachine.StateMachineDecision.rejected;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EpochSeconds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishing and deleting versions. A version is the revision as it was when published, kept under
 * {@code <ARN>:<number>}; numbers count up from 1 and are never given twice, also after a version was deleted.
 * Publishing the revision the newest version already holds answers that version (AWS: idempotent).
 */
final class VersionDecisions {
  /** AWS's quota of versions per state machine. */
  static final int MAX_VERSIONS = 1000;
  /** {@code revisionId} that matches a state machine never updated. */
  static final String INITIAL = "INITIAL";

  private VersionDecisions() {}

  static StateMachineDecision publish(StateMachineRecords records, StateMachineCommand.PublishStateMachineVersion publish, Instant now) {
    var arn = publish.stateMachineArn();
    if (StateMachineDecider.qualified(arn)) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + arn + "'");
    }
    var current = records.revision();
    if (current.isEmpty()) {
      return StateMachineDecider.doesNotExist(arn.value());
    }
    var revision = current.get();
    if (revision.deleting()) {
      return StateMachineDecider.deleting(arn);
    }
    var expected = publish.revisionId();
    var neverUpdated = revision.updateDate().equals(revision.creationDate());
    if (expected.isPresent() && !expected.get().equals(revision.revisionId()) && !(neverUpdated && expected.get().equals(INITIAL))) {
      return rejected(ApiError.CONFLICT_EXCEPTION, "Failed to publish the State Machine version for revision " + expected.get()
          + ". The current State Machine revision is " + revision.revisionId() + ".");
    }
    var published = publishedRevision(revision, records);
    if (published.isPresent()) {
      return StateMachineDecision.unchanged(versionReply(published.get()));
    }
    return publishing(revision, records, publish.description(), now, JsonNodeFactory.instance.objectNode().put("creationDate",
        EpochSeconds.of(now)));
  }

  /**
   * Writes {@code revision} and publishes it as the next version, adding the version's ARN to {@code reply}; when the
   * newest version already holds this revision, answers that version and publishes nothing.
   */
  static StateMachineDecision publishing(StateMachine revision, StateMachineRecords records, Optional<String> description, Instant now,
      ObjectNode reply) {
    var published = publishedRevision(revision, records);
    if (published.isPresent()) {
      reply.put("stateMachineVersionArn", published.get().key());
      return new StateMachineDecision(List.of(revision), new Reply.Accepted(reply));
    }
    if (records.versionNumbers().size() >= MAX_VERSIONS) {
      return rejected(ApiError.SERVICE_QUOTA_EXCEEDED, "Exceeded the quota of " + MAX_VERSIONS + " versions of state machine '"
          + revision.stateMachineArn() + "'; delete versions that are no longer used");
    }
    long number = revision.latestVersion() + 1;
    var version = revision.asVersion(number, description, now);
    reply.put("stateMachineVersionArn", version.key());
    return new StateMachineDecision(List.of(revision.withLatestVersion(number, Optional.of(revision.revisionId())), version),
        new Reply.Accepted(reply));
  }

  /** The version that holds the revision as it is now: the newest one, if it still exists and was published from it. */
  static Optional<StateMachine> publishedRevision(StateMachine revision, StateMachineRecords records) {
    if (!revision.latestVersionRevisionId().equals(Optional.of(revision.revisionId()))) {
      return Optional.empty();
    }
    return records.version(revision.latestVersion());
  }

  /**
   * DeleteStateMachineVersion: refused while an alias routes to the version (AWS's ConflictException); a version that
   * does not exist is deleted already. Its running executions go on.
   */
  static StateMachineDecision delete(StateMachineRecords records, StateMachineCommand.DeleteStateMachineVersion delete) {
    var named = versionOf(delete.stateMachineVersionArn()).filter(target -> target.stateMachineArn().equals(delete.stateMachineArn()));
    if (named.isEmpty()) {
      return rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + delete.stateMachineVersionArn() + "'");
    }
    var version = named.get();
    var current = records.revision();
    if (current.isEmpty() || records.version(version.number()).isEmpty()) {
      return StateMachineDecision.done(List.of(), List.of());
    }
    var revision = current.get();
    var aliases = revision.aliases().stream().filter(alias -> alias.routesTo(version.arn())).map(StateMachineAlias::name).toList();
    if (!aliases.isEmpty()) {
      return rejected(ApiError.CONFLICT_EXCEPTION, "Version to be deleted must not be referenced by an alias. Current list of aliases "
          + "referencing this version: [" + String.join(", ", aliases) + "]");
    }
    var written = revision.latestVersion() == version.number()
        ? List.of(revision.withLatestVersion(revision.latestVersion(), Optional.empty()))
        : List.<StateMachine>of();
    return StateMachineDecision.done(written, List.of(version.arn()));
  }

  /** The version a version ARN names; empty for anything else. */
  private static Optional<StateMachineTarget.Version> versionOf(String arn) {
    try {
      return StateMachineTarget.of(new StateMachineArn(arn)) instanceof StateMachineTarget.Version version ? Optional.of(version) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ObjectNode versionReply(StateMachine version) {
    return JsonNodeFactory.instance.objectNode()
        .put("creationDate", EpochSeconds.of(version.creationDate()))
        .put("stateMachineVersionArn", version.key());
  }
}
