package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An alias of a state machine: a name that routes StartExecution to one version, or to two by weight. It is kept on the
 * state machine's current revision, so that one record, on the state machine's key, says what the alias routes to.
 */
public record StateMachineAlias(String name, Optional<String> description, List<Route> routingConfiguration, Instant creationDate,
    Instant updateDate) {
  public StateMachineAlias {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    routingConfiguration = List.copyOf(routingConfiguration);
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(updateDate, "updateDate");
  }

  /** One version the alias routes to, and the percentage of starts through the alias that run it. */
  public record Route(String stateMachineVersionArn, int weight) {
    public Route {
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    }
  }

  /** {@code <state machine ARN>:<name>}. */
  public String arn(StateMachineArn stateMachineArn) {
    return stateMachineArn.value() + ":" + name;
  }

  public boolean routesTo(String stateMachineVersionArn) {
    return routingConfiguration.stream().anyMatch(route -> route.stateMachineVersionArn().equals(stateMachineVersionArn));
  }
}
