package dev.stepfold.api.statemachines;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Wire;
import java.time.Instant;

/**
 * Read your own writes on this instance: after a create or update is decided, wait (up to the reads timeout) for the
 * global store of definitions to show the revision, and the version it published, before answering. On timeout the
 * answer goes out anyway: the write is committed, only not yet visible here.
 */
final class StateMachineWrites {
  private StateMachineWrites() {}

  static void awaitShown(ApiServices services, String stateMachineArn, Instant updatedAt, String versionArn) {
    var stores = services.stateMachines();
    Wire.read(() -> stores.await(stateMachineArn, revision -> !revision.updateDate().isBefore(updatedAt), services.readsTimeout()));
    if (versionArn != null) {
      Wire.read(() -> stores.await(versionArn, version -> true, services.readsTimeout()));
    }
  }
}
