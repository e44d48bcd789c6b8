package dev.stepfold.engine.evolve;

import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.Scope;
import dev.stepfold.history.RedriveFix;
import java.util.Optional;

/**
 * Where a redrive's corrected input goes: to the states that run again from where they stopped. A Parallel or inline
 * Map that resumes branches or iterations keeps its own input (its results are merged into it) and passes the
 * correction down to the states those branches and iterations stopped in; any other state entered again gets it.
 */
final class RedriveCorrections {
  private RedriveCorrections() {}

  static Scope corrected(Scope scope, RedriveFix.InputCorrection correction) {
    if (scope.active().isEmpty()) {
      return scope;
    }
    var active = scope.active().get();
    var resumed = active.fanout().filter(fanout -> fanout.mapRun().isEmpty()).filter(RedriveCorrections::resumesABranch);
    if (resumed.isEmpty()) {
      return scope.withActive(Optional.of(active.withInput(correction.applyTo(active.input()))), scope.lastEventId());
    }
    var fanout = resumed.get();
    for (int i = 0; i < fanout.branches().size(); i++) {
      if (resumes(fanout.branch(i))) {
        fanout = fanout.withBranch(i, corrected(fanout.branch(i), correction));
      }
    }
    return scope.withActive(Optional.of(active.withFanout(Optional.of(fanout))), scope.lastEventId());
  }

  private static boolean resumesABranch(Fanout fanout) {
    return fanout.branches().stream().anyMatch(RedriveCorrections::resumes);
  }

  /** A branch or iteration that did not succeed and stopped in a state, which the redrive enters again. */
  private static boolean resumes(Scope branch) {
    return branch.status() != Scope.ScopeStatus.SUCCEEDED && branch.active().isPresent();
  }
}
