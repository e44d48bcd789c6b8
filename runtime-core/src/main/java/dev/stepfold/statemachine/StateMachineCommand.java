package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import java.util.Objects;
import java.util.Optional;

/** What can happen to a state machine from outside, keyed by its ARN; each carries the request id its reply answers. */
public sealed interface StateMachineCommand {
  String requestId();

  StateMachineArn stateMachineArn();

  /** {@code CreateStateMachine}; the ARN names the state machine {@code name}. */
  record CreateStateMachine(
      String requestId, StateMachineArn stateMachineArn, String name, String definition, String roleArn, ExecutionType type,
      boolean publish, Optional<String> versionDescription) implements StateMachineCommand {
    public CreateStateMachine {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(versionDescription, "versionDescription");
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
}
