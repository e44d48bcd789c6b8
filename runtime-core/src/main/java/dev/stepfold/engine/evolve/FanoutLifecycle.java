package dev.stepfold.engine.evolve;

import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Appliers of a Parallel's and a Map's events: an attempt starts its branches or iterations, which then end one by one. */
final class FanoutLifecycle {
  private FanoutLifecycle() {}

  /** Every branch starts at once, its flow following the ParallelStateStarted. */
  static ExecutionState parallelStarted(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ParallelStateStarted.class);
    var parallel = (ParallelState) Scopes.activeState(execution, event.scope());
    var branches = Collections.nCopies(parallel.branches().size(), Scope.started(event.id()));
    return Evolve.updateActive(execution, event,
        active -> active.attemptStarted(details.retriedError()).withFanout(Optional.of(Fanout.of(event.id(), branches))));
  }

  /** Iterations start as MapIterationStarted says; a Distributed Map's children are its map run's, not the execution's. */
  static ExecutionState mapStarted(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.MapStateStarted.class);
    var map = (MapState) Scopes.activeState(execution, event.scope());
    var iterations = map.mode() == MapState.ProcessorMode.DISTRIBUTED
        ? List.<Scope>of() : Collections.nCopies(details.length(), Scope.notStarted());
    return Evolve.updateActive(execution, event,
        active -> active.attemptStarted(details.retriedError()).withFanout(Optional.of(Fanout.of(event.id(), iterations))));
  }

  static ExecutionState iterationStarted(ExecutionState execution, HistoryEvent event) {
    var index = event.details(EventDetails.MapIteration.class).index();
    return Evolve.updateActive(execution, event,
        active -> active.withFanout(active.fanout().map(fanout -> fanout.withBranch(index, Scope.started(event.id())))));
  }

  static ExecutionState iterationEnded(ExecutionState execution, HistoryEvent event, Scope.ScopeStatus status) {
    var index = event.details(EventDetails.MapIteration.class).index();
    return Evolve.updateActive(execution, event, active -> active.withFanout(active.fanout().map(
        fanout -> fanout.withBranch(index, fanout.branch(index).withStatus(status)))));
  }
}
