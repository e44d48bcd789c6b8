package dev.stepfold.statemachine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.error.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a StartExecution that names a state machine, a version or an alias runs, looked up in a store of state machines
 * (the global store every task reads, or the revisions store of the state machine's own key):
 * <ul>
 *   <li>{@link Resolved}: the revision or version to run, and the version and alias ARNs the execution records;
 *   <li>{@link Unknown}: the store does not know what the ARN names (the global store may not show it yet);
 *   <li>{@link Refused}: AWS's error (a labelled ARN, an execution of another state machine, a state machine being deleted).
 * </ul>
 * An alias picks one of its versions by weight from the execution's ARN ({@link #routeOf}), so the same start always picks
 * the same version.
 */
public sealed interface StartResolution {
  record Resolved(StateMachine runs, Optional<String> stateMachineVersionArn, Optional<String> stateMachineAliasArn)
      implements StartResolution {
    public Resolved {
      Objects.requireNonNull(runs, "runs");
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
    }
  }

  record Unknown() implements StartResolution {}

  record Refused(ApiError error, String message) implements StartResolution {
    public Refused {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A store of state machines by key: the state machine's ARN (its current revision) or {@code <ARN>:<version>}. */
  @FunctionalInterface
  interface Lookup {
    Optional<StateMachine> find(String key);
  }

  static StartResolution resolve(Lookup lookup, String named, ExecutionArn executionArn) {
    StateMachineArn arn;
    try {
      arn = new StateMachineArn(named);
    } catch (IllegalArgumentException e) {
      return new Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    if (arn.name().contains("/")) {
      return new Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected a state machine or version ARN, but got the labelled ARN of a Distributed Map: '" + named + "'");
    }
    var target = StateMachineTarget.of(arn);
    if (!executionArn.stateMachine().name().equals(arn.name())) {
      return new Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected an execution ARN of state machine '" + arn.name() + "', but got '" + executionArn + "'");
    }
    var found = lookup.find(target.stateMachineArn().value());
    if (found.isEmpty()) {
      return new Unknown();
    }
    var revision = found.get();
    if (revision.deleting()) {
      return new Refused(ApiError.STATE_MACHINE_DELETING, StateMachineDecider.deletingMessage(target.stateMachineArn().value()));
    }
    if (target instanceof StateMachineTarget.Latest) {
      return new Resolved(revision, Optional.empty(), Optional.empty());
    }
    if (target instanceof StateMachineTarget.Version version) {
      return lookup.find(version.arn()).<StartResolution>map(runs -> new Resolved(runs, Optional.of(version.arn()), Optional.empty()))
          .orElseGet(Unknown::new);
    }
    var alias = (StateMachineTarget.Alias) target;
    var routed = revision.alias(alias.name());
    if (routed.isEmpty()) {
      return new Unknown();
    }
    var versionArn = routeOf(routed.get(), executionArn).stateMachineVersionArn();
    return lookup.find(versionArn).<StartResolution>map(runs -> new Resolved(runs, Optional.of(versionArn), Optional.of(alias.arn())))
        .orElseGet(Unknown::new);
  }

  /**
   * The route an alias takes for an execution: the execution's ARN hashed to a number from 0 to 99, which falls in the
   * first route's weight or in the second's. The same execution ARN always takes the same route; over many executions,
   * each route gets its weight's share.
   */
  static StateMachineAlias.Route routeOf(StateMachineAlias alias, ExecutionArn executionArn) {
    var routes = alias.routingConfiguration();
    int bucket = (int) Math.floorMod(UUID.nameUUIDFromBytes(executionArn.value().getBytes(StandardCharsets.UTF_8)).getMostSignificantBits(), 100L);
    return bucket < routes.get(0).weight() || routes.size() == 1 ? routes.get(0) : routes.get(1);
  }

  /** The reply's error for what the state machine's own key does not know either. */
  static Refused doesNotExist(String named) {
    return new Refused(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + named + "'");
  }
}
