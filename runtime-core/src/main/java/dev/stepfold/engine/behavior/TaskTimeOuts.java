package dev.stepfold.engine.behavior;

import dev.stepfold.asl.TaskState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.engine.TaskInFlight;
import dev.stepfold.history.ScopePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task's timer fired: the task times out. AWS records every time-out due at that instant before it handles any of
 * them, so when a task's {@code TimeoutSeconds} end, every task of the execution whose {@code TimeoutSeconds} end at the
 * same instant times out with it, in the order they were scheduled; then each failure goes through its state's Retry
 * and Catch, unless handling an earlier one has left the state (a failed iteration aborts the others). Which of those
 * timers the runtime delivers first makes no difference; the others are cancelled, and one delivered anyway finds its
 * task gone and is ignored.
 *
 * <p>A heartbeat time-out times out its task alone: a heartbeat moves the timer and leaves no event, so the instants of
 * the other tasks' heartbeat timers are not part of the execution's state.
 */
public final class TaskTimeOuts {
  private TaskTimeOuts() {}

  /** The task scheduled at {@code scheduledEventId} reached its {@code TimeoutSeconds}. */
  public static void timeoutDue(DecisionBuilder out, long scheduledEventId) {
    inFlight(out, scheduledEventId).ifPresent(fired -> timeOut(out, dueWith(out, task(out, fired).timeoutDue(), fired)));
  }

  /** The task scheduled at {@code scheduledEventId} sent no heartbeat in time. */
  public static void heartbeatMissed(DecisionBuilder out, long scheduledEventId) {
    inFlight(out, scheduledEventId).ifPresent(fired -> timeOut(out, List.of(fired)));
  }

  private record TimedOut(ScopePath scope, long enteredEventId) {}

  /** Records every time-out first, then handles each failure whose state still waits on it. */
  private static void timeOut(DecisionBuilder out, List<ScopePath> scopes) {
    var timedOut = new ArrayList<TimedOut>();
    for (var scope : scopes) {
      TaskBehavior.timedOut(out, scope, (TaskState) out.activeState(scope), task(out, scope));
      timedOut.add(new TimedOut(scope, out.active(scope).enteredEventId()));
    }
    for (var each : timedOut) {
      if (stillFailing(out, each)) {
        TaskBehavior.handleTimeOut(out, each.scope(), (TaskState) out.activeState(each.scope()));
      }
    }
  }

  /** The scopes of the tasks whose {@code TimeoutSeconds} end at {@code due}, in the order they were scheduled. */
  private static List<ScopePath> dueWith(DecisionBuilder out, Optional<Instant> due, ScopePath fired) {
    if (due.isEmpty()) {
      return List.of(fired);
    }
    var scopes = new ArrayList<>(Scopes.all(out.execution(), (path, active) -> active.task().flatMap(TaskInFlight::timeoutDue).equals(due)));
    scopes.sort(Comparator.comparingLong(scope -> task(out, scope).scheduledEventId()));
    return scopes;
  }

  private static Optional<ScopePath> inFlight(DecisionBuilder out, long scheduledEventId) {
    return Scopes.find(out.execution(), active -> active.task().filter(task -> task.scheduledEventId() == scheduledEventId).isPresent());
  }

  private static TaskInFlight task(DecisionBuilder out, ScopePath scope) {
    return out.active(scope).task().orElseThrow(() -> new IllegalStateException("Expected a task in flight in scope " + scope));
  }

  /** Nothing handled so far has closed the execution or left the state (aborted it, or started its scope again). */
  private static boolean stillFailing(DecisionBuilder out, TimedOut timedOut) {
    if (out.execution().status().isClosed()) {
      return false;
    }
    return Scopes.find(out.execution(), (path, active) -> path.equals(timedOut.scope()) && active.enteredEventId() == timedOut.enteredEventId())
        .filter(scope -> timedOut.scope().isRoot() || Scopes.get(out.execution(), scope).status() == Scope.ScopeStatus.RUNNING)
        .isPresent();
  }
}
