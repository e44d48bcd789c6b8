package dev.stepfold.redrive;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.MapState;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.MapRunRecord;
import dev.stepfold.engine.RedriveEligibility;
import dev.stepfold.engine.RedriveRules;
import dev.stepfold.engine.StateMachineDirectory;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunDecider;
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
 * Answers "what would a redrive rerun?" from the folded execution (and, for a Distributed Map, its map run), by the
 * same rules the engine applies when it redrives: the unfinished states, inside a Parallel or inline Map only what did
 * not succeed (everything after {@code States.DataLimitExceeded}, R37), and of a map run the children that did not
 * succeed and could still be redriven.
 */
public final class RedrivePlanner {
  /** The map runs of an execution's Distributed Maps, as their coordinator keeps them. */
  @FunctionalInterface
  public interface MapRuns {
    MapRuns NONE = mapRunArn -> Optional.empty();

    Optional<MapRun> find(MapRunArn mapRunArn);
  }

  private RedrivePlanner() {}

  /** The plan of an execution without Distributed Maps, or without looking at their map runs. */
  public static RedrivePlan plan(ExecutionState execution, Instant now) {
    return plan(execution, now, MapRuns.NONE, StateMachineDirectory.NONE_DELETING);
  }

  public static RedrivePlan plan(ExecutionState execution, Instant now, MapRuns mapRuns, StateMachineDirectory stateMachines) {
    if (execution.status() == ExecutionStatus.NOT_STARTED) {
      return new RedrivePlan(Optional.of("Execution has not started"), List.of());
    }
    var reason = RedriveEligibility.notRedrivableReason(execution, now, stateMachines);
    if (reason.isPresent()) {
      return new RedrivePlan(reason, List.of());
    }
    return new RedrivePlan(Optional.empty(), rerun(execution, ScopePath.ROOT, mapRuns, RedriveRules.rerunsInFull(execution.error()))
        .map(List::of).orElse(List.of()));
  }

  /** {@code inFull}: the state reruns from scratch (R37, R44): none of its branches or iterations keeps its result. */
  private static Optional<RedrivePlan.Rerun> rerun(ExecutionState execution, ScopePath path, MapRuns mapRuns, boolean inFull) {
    var scope = Scopes.get(execution, path);
    if (scope.active().isEmpty()) {
      return Optional.empty();
    }
    var active = scope.active().get();
    var state = Scopes.activeState(execution, path);
    var branches = new ArrayList<RedrivePlan.Branch>();
    boolean distributed = state instanceof MapState map && map.mode() == MapState.ProcessorMode.DISTRIBUTED;
    if (distributed) {
      var mapRun = active.fanout().flatMap(Fanout::mapRun);
      return Optional.of(new RedrivePlan.Rerun(active.stateName(), state.typeName(), active.input(), branches,
          mapRun.map(known -> mapRunRerun(known, mapRuns, inFull))));
    }
    if (inFull) {
      return Optional.of(new RedrivePlan.Rerun(active.stateName(), state.typeName(), active.input(), branches));
    }
    if (active.fanout().isPresent()) {
      var fanout = active.fanout().get();
      for (int i = 0; i < fanout.branches().size(); i++) {
        var branch = fanout.branch(i);
        if (branch.status() == Scope.ScopeStatus.SUCCEEDED) {
          branches.add(new RedrivePlan.Branch(i, true, false, Optional.empty()));
        } else {
          var inner = rerun(execution, path.child(i), mapRuns, false);
          branches.add(new RedrivePlan.Branch(i, false, inner.isEmpty(), inner));
        }
      }
    }
    return Optional.of(new RedrivePlan.Rerun(active.stateName(), state.typeName(), active.input(), branches));
  }

  private static RedrivePlan.MapRunRerun mapRunRerun(MapRunRecord record, MapRuns mapRuns, boolean inFull) {
    if (inFull || !RedriveRules.redrivesSameMapRun(record)) {
      return new RedrivePlan.MapRunRerun(record.mapRunArn(), true, true, List.of());
    }
    var mapRun = mapRuns.find(record.mapRunArn());
    if (mapRun.isEmpty()) {
      return new RedrivePlan.MapRunRerun(record.mapRunArn(), false, false, List.of());
    }
    var dispatch = mapRun.get().dispatch();
    var children = new ArrayList<RedrivePlan.ChildRerun>();
    for (int i = 0; i < mapRun.get().children().size(); i++) {
      boolean neverStarted = mapRun.get().children().get(i) == MapRun.ChildStatus.PENDING;
      if (neverStarted || mapRun.get().rerunsOnRedrive(i)) {
        children.add(new RedrivePlan.ChildRerun(i, MapRunDecider.childArn(dispatch, i), dispatch.items().get(i),
            !neverStarted && dispatch.childExecutionType() == ExecutionType.STANDARD));
      }
    }
    return new RedrivePlan.MapRunRerun(record.mapRunArn(), false, true, children);
  }
}
