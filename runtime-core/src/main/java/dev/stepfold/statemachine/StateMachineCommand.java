package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.tags.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What can happen to a state machine from outside, keyed by its (unqualified) ARN, versions and aliases included; each
 * carries the request id its reply answers.
 */
public sealed interface StateMachineCommand {
  String requestId();

  StateMachineArn stateMachineArn();

  /** {@code CreateStateMachine}; the ARN names the state machine {@code name}. */
  record CreateStateMachine(
      String requestId, StateMachineArn stateMachineArn, String name, String definition, String roleArn, ExecutionType type,
      boolean publish, Optional<String> versionDescription, List<Tag> tags) implements StateMachineCommand {
    public CreateStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(versionDescription, "versionDescription");
      tags = List.copyOf(tags);
    }

    /** A create without tags. */
    public CreateStateMachine(String requestId, StateMachineArn stateMachineArn, String name, String definition, String roleArn,
        ExecutionType type, boolean publish, Optional<String> versionDescription) {
      this(requestId, stateMachineArn, name, definition, roleArn, type, publish, versionDescription, List.of());
    }
  }

  /** {@code UpdateStateMachine}: a new definition, role, or both; running executions keep what they started with. */
  record UpdateStateMachine(
      String requestId, StateMachineArn stateMachineArn, Optional<String> definition, Optional<String> roleArn, boolean publish,
      Optional<String> versionDescription) implements StateMachineCommand {
    public UpdateStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(versionDescription, "versionDescription");
    }
  }

  /** {@code DeleteStateMachine}: the state machine goes DELETING; its versions and aliases are deleted with it. */
  record DeleteStateMachine(String requestId, StateMachineArn stateMachineArn) implements StateMachineCommand {
    public DeleteStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }
  }

  /** {@code PublishStateMachineVersion}; with {@code revisionId}, only if it is the current revision. */
  record PublishStateMachineVersion(String requestId, StateMachineArn stateMachineArn, Optional<String> revisionId,
      Optional<String> description) implements StateMachineCommand {
    public PublishStateMachineVersion {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(revisionId, "revisionId");
      Objects.requireNonNull(description, "description");
    }
  }

  /** {@code DeleteStateMachineVersion}; keyed by the state machine the version belongs to. */
  record DeleteStateMachineVersion(String requestId, StateMachineArn stateMachineArn, String stateMachineVersionArn)
      implements StateMachineCommand {
    public DeleteStateMachineVersion {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    }
  }

  /** {@code CreateStateMachineAlias}; keyed by the state machine whose versions the routing names. */
  record CreateStateMachineAlias(String requestId, StateMachineArn stateMachineArn, String name, Optional<String> description,
      List<StateMachineAlias.Route> routingConfiguration) implements StateMachineCommand {
    public CreateStateMachineAlias {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      routingConfiguration = List.copyOf(routingConfiguration);
    }
  }

  /** {@code UpdateStateMachineAlias}: a new description, routing, or both. */
  record UpdateStateMachineAlias(String requestId, StateMachineArn stateMachineArn, String stateMachineAliasArn,
      Optional<String> description, Optional<List<StateMachineAlias.Route>> routingConfiguration) implements StateMachineCommand {
    public UpdateStateMachineAlias {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
      Objects.requireNonNull(description, "description");
      routingConfiguration = routingConfiguration.map(List::copyOf);
    }
  }

  /** {@code DeleteStateMachineAlias}; the versions it routed to stay. */
  record DeleteStateMachineAlias(String requestId, StateMachineArn stateMachineArn, String stateMachineAliasArn)
      implements StateMachineCommand {
    public DeleteStateMachineAlias {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
    }
  }

  /** {@code TagResource} of a state machine. */
  record TagStateMachine(String requestId, StateMachineArn stateMachineArn, List<Tag> tags) implements StateMachineCommand {
    public TagStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      tags = List.copyOf(tags);
    }
  }

  /** {@code UntagResource} of a state machine. */
  record UntagStateMachine(String requestId, StateMachineArn stateMachineArn, List<String> tagKeys) implements StateMachineCommand {
    public UntagStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      tagKeys = List.copyOf(tagKeys);
    }
  }

  /** A partition of the commands topic has no running execution of the DELETING state machine any more. */
  record StateMachineExecutionsEnded(String requestId, StateMachineArn stateMachineArn, int partition) implements StateMachineCommand {
    public StateMachineExecutionsEnded {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }
  }
}
