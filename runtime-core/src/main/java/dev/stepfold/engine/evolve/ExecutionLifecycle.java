package dev.stepfold.engine.evolve;

import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.Scope;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.engine.RedriveRules;
import java.util.Optional;

/** Appliers of the execution's own events: started, closed, redriven. */
final class ExecutionLifecycle {
  private ExecutionLifecycle() {}

  static ExecutionState started(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ExecutionStarted.class);
    // The first state's ...StateEntered names 0 as its previous event, not ExecutionStarted.
    return new ExecutionState(
        ExecutionStatus.RUNNING, Optional.of(details), Optional.of(event.timestamp()), execution.lastEventId(), Scope.EMPTY,
        Optional.empty(), Optional.empty(), Optional.empty(), Redrives.NONE);
  }

  static ExecutionState succeeded(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.Output.class);
    return new ExecutionState(
        ExecutionStatus.SUCCEEDED, execution.started(), execution.startDate(), execution.lastEventId(),
        new Scope(Optional.empty(), event.id(), Scope.ScopeStatus.SUCCEEDED, Optional.of(details.output()), execution.root().variables()),
        Optional.of(details.output()), Optional.empty(), Optional.of(event.timestamp()), execution.redrives());
  }

  /** The scopes keep their active states: a redrive reruns them. */
  static ExecutionState closed(ExecutionState execution, HistoryEvent event, ExecutionStatus status) {
    var details = event.details(EventDetails.Failure.class);
    return new ExecutionState(
        status, execution.started(), execution.startDate(), execution.lastEventId(), execution.root().withActive(execution.root().active(), event.id()),
        Optional.empty(), Optional.of(details), Optional.of(event.timestamp()), execution.redrives());
  }

  /**
   * Running again; the unsuccessful states are re-entered next, the first of them following nothing (Q3). After a
   * {@code States.DataLimitExceeded} failure the top-level Parallel or Map forgets its branches, iterations or map
   * run, so that it reruns in full (R37, R44).
   */
  static ExecutionState redriven(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ExecutionRedriven.class);
    var active = execution.root().active();
    if (RedriveRules.rerunsInFull(execution.error())) {
      active = active.map(state -> state.withFanout(Optional.empty()));
    }
    // a child redriven by its parent's task reports to that task from now on
    var started = execution.started().map(start -> details.parentTask().<EventDetails.ExecutionStarted>map(start::reportingTo).orElse(start));
    return new ExecutionState(
        ExecutionStatus.RUNNING, started, execution.startDate(), execution.lastEventId(),
        execution.root().withActive(active, 0), Optional.empty(), Optional.empty(), Optional.empty(),
        execution.redrives().redriven(event.timestamp(), details.clientToken()));
  }
}
