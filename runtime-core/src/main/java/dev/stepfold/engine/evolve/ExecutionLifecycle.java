package dev.stepfold.engine.evolve;

import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.Scope;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.engine.RedriveRules;
import java.util.Optional;
import org.pcollections.HashTreePMap;

/** Appliers of the execution's own events: started, closed, redriven. */
final class ExecutionLifecycle {
  private ExecutionLifecycle() {}

  static ExecutionState started(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ExecutionStarted.class);
    // The first state's ...StateEntered names 0 as its previous event, not ExecutionStarted.
    return new ExecutionState(
        ExecutionStatus.RUNNING, Optional.of(details), Optional.of(event.timestamp()), execution.lastEventId(), Scope.EMPTY,
        Optional.empty(), Optional.empty(), Optional.empty(), Redrives.NONE, HashTreePMap.empty());
  }

  static ExecutionState succeeded(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.Output.class);
    return new ExecutionState(
        ExecutionStatus.SUCCEEDED, execution.started(), execution.startDate(), execution.lastEventId(),
        new Scope(Optional.empty(), event.id(), Scope.ScopeStatus.SUCCEEDED, Optional.of(details.output()), execution.root().variables()),
        Optional.of(details.output()), Optional.empty(), Optional.of(event.timestamp()), execution.redrives(), execution.topLevelInputs());
  }

  /** The scopes keep their active states: a redrive reruns them. */
  static ExecutionState closed(ExecutionState execution, HistoryEvent event, ExecutionStatus status) {
    var details = event.details(EventDetails.Failure.class);
    return new ExecutionState(
        status, execution.started(), execution.startDate(), execution.lastEventId(), execution.root().withActive(execution.root().active(), event.id()),
        Optional.empty(), Optional.of(details), Optional.of(event.timestamp()), execution.redrives(), execution.topLevelInputs());
  }

  /**
   * Running again; the unsuccessful states are re-entered next, the first of them following nothing (Q3). After a
   * {@code States.DataLimitExceeded} failure the top-level Parallel or Map forgets its branches, iterations or map
   * run, so that it reruns in full (R37, R44). A redrive after a fix runs the version it names from now on, is
   * entered again at the state it names (with the input that state last had, and nothing of its earlier branches), and
   * gives the states that run again its corrected input ({@link RedriveCorrections}).
   */
  static ExecutionState redriven(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ExecutionRedriven.class);
    var fix = details.fix().orElse(RedriveFix.NONE);
    var active = execution.root().active();
    if (RedriveRules.rerunsInFull(execution.error())) {
      active = active.map(state -> state.withFanout(Optional.empty()));
    }
    var fromState = fix.fromState().filter(name -> !execution.root().active().map(ActiveState::stateName).equals(Optional.of(name)));
    if (fromState.isPresent()) {
      var input = execution.topLevelInputs().get(fromState.get());
      active = Optional.of(ActiveState.entered(fromState.get(), 0, 0, event.timestamp(), input));
    }
    // a child redriven by its parent's task reports to that task from now on
    var started = execution.started().map(start -> details.parentTask().<EventDetails.ExecutionStarted>map(start::reportingTo).orElse(start))
        .map(start -> fix.onto().map(start::runningVersion).orElse(start));
    var root = execution.root().withActive(active, 0);
    return new ExecutionState(
        ExecutionStatus.RUNNING, started, execution.startDate(), execution.lastEventId(),
        fix.input().map(correction -> RedriveCorrections.corrected(root, correction)).orElse(root), Optional.empty(), Optional.empty(),
        Optional.empty(), execution.redrives().redriven(event.timestamp(), details.clientToken()), execution.topLevelInputs());
  }
}
