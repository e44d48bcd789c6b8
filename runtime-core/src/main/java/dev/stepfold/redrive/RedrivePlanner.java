package dev.stepfold.redrive;

import dev.stepfold.asl.MapState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.ScopePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers "what would a redrive rerun?" from the folded execution alone, by the same rules the engine applies when it
 * redrives: the unfinished states, and inside a Parallel or inline Map only what did not succeed.
 */
public final class RedrivePlanner {
  private RedrivePlanner() {}

  public static RedrivePlan plan(ExecutionState execution, Instant now) {
    if (execution.status() == ExecutionStatus.NOT_STARTED) {
      return new RedrivePlan(Optional.of("Execution has not started"), List.of());
    }
    var reason = RedriveEligibility.notRedrivableReason(execution, now);
    if (reason.isPresent()) {
      return new RedrivePlan(reason, List.of());
    }
    return new RedrivePlan(Optional.empty(), rerun(execution, ScopePath.ROOT).map(List::of).orElse(List.of()));
  }

  private static Optional<RedrivePlan.Rerun> rerun(ExecutionState execution, ScopePath path) {
    var scope = Scopes.get(execution, path);
    if (scope.active().isEmpty()) {
      return Optional.empty();
    }
    var active = scope.active().get();
    var state = Scopes.activeState(execution, path);
    var branches = new ArrayList<RedrivePlan.Branch>();
    boolean distributed = state instanceof MapState map && map.mode() == MapState.ProcessorMode.DISTRIBUTED;
    if (!distributed && active.fanout().isPresent()) {
      var fanout = active.fanout().get();
      for (int i = 0; i < fanout.branches().size(); i++) {
        var branch = fanout.branch(i);
        if (branch.status() == Scope.ScopeStatus.SUCCEEDED) {
          branches.add(new RedrivePlan.Branch(i, true, false, Optional.empty()));
        } else {
          var inner = rerun(execution, path.child(i));
          branches.add(new RedrivePlan.Branch(i, false, inner.isEmpty(), inner));
        }
      }
    }
    return Optional.of(new RedrivePlan.Rerun(active.stateName(), state.typeName(), active.input(), branches));
  }
}
