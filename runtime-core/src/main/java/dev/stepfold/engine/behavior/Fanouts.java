package dev.stepfold.engine.behavior;

import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;

/**
 * What a Parallel or Map does when one of its branches or iterations ends or fails. A failure aborts the others, as
 * AWS records it: the failed iteration first (MapIterationFailed), then each other running one (its Task or Wait
 * aborted, MapIterationAborted), then the failed branch's own Task, all following the failing event.
 */
final class Fanouts {
  private Fanouts() {}

  static Step childEnded(DecisionBuilder out, ScopePath child) {
    var owner = out.activeState(child.parent());
    if (owner instanceof ParallelState parallel) {
      return ParallelBehavior.branchEnded(out, child, parallel);
    } else if (owner instanceof MapState map) {
      return MapBehavior.iterationEnded(out, child, map);
    }
    throw new IllegalStateException("Expected a Parallel or Map to own scope " + child + ", but it is " + owner.typeName());
  }

  static Step childFailed(DecisionBuilder out, ScopePath child, StatesError error, long failingEventId) {
    var parent = child.parent();
    var owner = out.activeState(parent);
    boolean isMap = owner instanceof MapState;
    if (isMap) {
      out.append(parent, HistoryEventType.MAP_ITERATION_FAILED, failingEventId, new EventDetails.MapIteration(owner.name(), child.lastIndex()));
    }
    var fanout = fanout(out, parent);
    for (int i = 0; i < fanout.branches().size(); i++) {
      if (i != child.lastIndex() && fanout.branch(i).status() == Scope.ScopeStatus.RUNNING && fanout.branch(i).active().isPresent()) {
        abortActive(out, parent.child(i), failingEventId);
        if (isMap) {
          out.append(parent, HistoryEventType.MAP_ITERATION_ABORTED, failingEventId, new EventDetails.MapIteration(owner.name(), i));
        }
      }
    }
    var failedState = out.scope(child).active().map(active -> out.activeState(child));
    if (failedState.isPresent() && failedState.get() instanceof TaskState) {
      abortActive(out, child, failingEventId);
    }
    return ErrorHandling.handle(out, parent, owner, error, failingEventId, true);
  }

  /** Aborts what a scope's active state waits on, nested branches and iterations first. */
  private static void abortActive(DecisionBuilder out, ScopePath scope, long failingEventId) {
    var active = out.active(scope);
    var state = out.activeState(scope);
    if (state instanceof TaskState) {
      active.task().ifPresent(task -> {
        out.cancelTimer(Timers.taskTimeout(task.scheduledEventId()));
        out.cancelTimer(Timers.heartbeatTimeout(task.scheduledEventId()));
      });
      out.append(scope, HistoryEventType.TASK_STATE_ABORTED, failingEventId, EventDetails.None.INSTANCE);
    } else if (state instanceof WaitState) {
      out.cancelTimer(Timers.waitElapsed(active.enteredEventId()));
      out.append(scope, HistoryEventType.WAIT_STATE_ABORTED, failingEventId, EventDetails.None.INSTANCE);
    } else if (state instanceof ParallelState || state instanceof MapState) {
      abortChildren(out, scope, active, failingEventId, state instanceof MapState ? state.name() : null);
      DistributedMapBehavior.openMapRun(active).ifPresent(mapRun -> out.mapRunWork(
          new MapRunWork.Abort(mapRun.mapRunArn(), out.execution().started().orElseThrow().executionArn())));
      out.append(scope, state instanceof MapState ? HistoryEventType.MAP_STATE_ABORTED : HistoryEventType.PARALLEL_STATE_ABORTED,
          failingEventId, EventDetails.None.INSTANCE);
    }
  }

  private static void abortChildren(DecisionBuilder out, ScopePath scope, ActiveState active, long failingEventId, String mapName) {
    if (active.fanout().isEmpty()) {
      return;
    }
    var branches = active.fanout().get().branches();
    for (int i = 0; i < branches.size(); i++) {
      if (branches.get(i).status() == Scope.ScopeStatus.RUNNING && branches.get(i).active().isPresent()) {
        abortActive(out, scope.child(i), failingEventId);
        if (mapName != null) {
          out.append(scope, HistoryEventType.MAP_ITERATION_ABORTED, failingEventId, new EventDetails.MapIteration(mapName, i));
        }
      }
    }
  }

  static Fanout fanout(DecisionBuilder out, ScopePath owner) {
    return out.active(owner).fanout()
        .orElseThrow(() -> new IllegalStateException("Expected the Parallel or Map in scope " + owner + " to have branches"));
  }

  /** Whether the attempt that started at {@code startedEventId} is still the one running in the scope. */
  static boolean attemptRunning(DecisionBuilder out, ScopePath owner, long enteredEventId, long startedEventId) {
    if (out.execution().status().isClosed()) {
      return false;
    }
    return out.scope(owner).active()
        .filter(active -> active.enteredEventId() == enteredEventId)
        .flatMap(ActiveState::fanout)
        .filter(fanout -> fanout.startedEventId() == startedEventId)
        .isPresent();
  }
}
