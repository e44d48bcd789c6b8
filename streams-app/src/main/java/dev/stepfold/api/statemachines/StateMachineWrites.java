package dev.stepfold.api.statemachines;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Wire;
import dev.stepfold.statemachine.StateMachine;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read your own writes on this instance: after a write to a state machine is decided, wait (up to the reads timeout)
 * for the global store of definitions to show it, before answering; so that a Describe or List sent right after finds
 * it. On timeout the answer goes out anyway: the write is committed, only not yet visible here. (A StartExecution finds
 * it in any case: the state machine's own key completes what the global store does not know yet.)
 */
public final class StateMachineWrites {
  private StateMachineWrites() {}

  static void awaitShown(ApiServices services, String stateMachineArn, Instant updatedAt, String versionArn) {
    var stores = services.stateMachines();
    Wire.read(() -> stores.await(stateMachineArn, revision -> !revision.updateDate().isBefore(updatedAt), services.readsTimeout()));
    if (versionArn != null) {
      Wire.read(() -> stores.await(versionArn, version -> true, services.readsTimeout()));
    }
  }

  /** Waits until what this instance keeps under {@code key} (a revision, a version; empty once deleted) satisfies {@code shown}. */
  public static void awaitShown(ApiServices services, String key, Predicate<Optional<StateMachine>> shown) {
    Wire.read(() -> services.stateMachines().awaitRecord(key, shown, services.readsTimeout()));
  }
}
