package dev.stepfold.engine.evolve;

import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.MapRunRecord;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.error.StatesError;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Appliers of a Parallel's and a Map's events: an attempt starts its branches or iterations, which then end one by one. */
final class FanoutLifecycle {
  private FanoutLifecycle() {}

  /**
   * Every branch starts at once, its flow following the ParallelStateStarted. On a redrive (branches carried from
   * before the state was entered again), branches that succeeded keep their result and the others keep the state they
   * stopped in, to be resumed.
   */
  static ExecutionState parallelStarted(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.ParallelStateStarted.class);
    var parallel = (ParallelState) Scopes.activeState(execution, event.scope());
    var active = Scopes.get(execution, event.scope()).active().orElseThrow();
    List<Scope> branches = carried(active).map(fanout -> fanout.branches().stream()
            .map(branch -> branch.status() == Scope.ScopeStatus.SUCCEEDED ? branch
                : new Scope(branch.active(), event.id(), Scope.ScopeStatus.RUNNING, branch.output(), branch.variables()))
            .toList())
        .orElseGet(() -> Collections.nCopies(parallel.branches().size(), Scope.started(event.id())));
    return Evolve.updateActive(execution, event,
        current -> current.attemptStarted(details.retriedError()).withFanout(Optional.of(Fanout.of(event.id(), branches))));
  }

  /**
   * Iterations start as MapIterationStarted says; a Distributed Map's children are its map run's, not the execution's.
   * On a redrive, iterations that succeeded keep their result and the others wait to start again where they stopped.
   */
  static ExecutionState mapStarted(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.MapStateStarted.class);
    var map = (MapState) Scopes.activeState(execution, event.scope());
    var active = Scopes.get(execution, event.scope()).active().orElseThrow();
    List<Scope> iterations;
    if (map.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      // The map run of the attempt before a redrive stays known, so that the redrive can redrive it (R42).
      var mapRun = carried(active).flatMap(Fanout::mapRun);
      return Evolve.updateActive(execution, event, current -> current.attemptStarted(details.retriedError())
          .withFanout(Optional.of(Fanout.of(event.id(), List.of()).withMapRun(mapRun))));
    } else {
      iterations = carried(active).map(fanout -> fanout.branches().stream()
              .map(iteration -> iteration.status() == Scope.ScopeStatus.SUCCEEDED ? iteration : iteration.withStatus(Scope.ScopeStatus.NOT_STARTED))
              .toList())
          .orElseGet(() -> Collections.nCopies(details.length(), Scope.notStarted()));
    }
    return Evolve.updateActive(execution, event,
        current -> current.attemptStarted(details.retriedError()).withFanout(Optional.of(Fanout.of(event.id(), iterations))));
  }

  /** The Distributed Map's map run started: the parent knows it by its ARN. */
  static ExecutionState mapRunStarted(ExecutionState execution, HistoryEvent event) {
    var arn = new MapRunArn(event.details(EventDetails.MapRunStarted.class).mapRunArn());
    return withMapRun(execution, event, mapRun -> MapRunRecord.started(arn));
  }

  /** The map run was redriven (it is named again, should the history hold no MapRunStarted before it). */
  static ExecutionState mapRunRedriven(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.MapRunRedriven.class);
    return withMapRun(execution, event,
        mapRun -> mapRun.orElse(MapRunRecord.started(new MapRunArn(details.mapRunArn()))).redriven(details.redriveCount()));
  }

  /** The map run ended: succeeded, aborted, or failed with the error a redrive looks at (R43, R44). */
  static ExecutionState mapRunEnded(ExecutionState execution, HistoryEvent event, MapRunStatus status) {
    var failure = status == MapRunStatus.FAILED ? Optional.of(failure(event.details(EventDetails.Failure.class))) : Optional.<StatesError>empty();
    var known = Scopes.get(execution, event.scope()).active().flatMap(ActiveState::fanout).flatMap(Fanout::mapRun);
    if (known.isEmpty()) {
      return Evolve.withFlow(execution, event);
    }
    return withMapRun(execution, event, mapRun -> known.get().ended(status, failure));
  }

  private static ExecutionState withMapRun(ExecutionState execution, HistoryEvent event, Function<Optional<MapRunRecord>, MapRunRecord> change) {
    return Evolve.updateActive(execution, event,
        active -> active.withFanout(active.fanout().map(fanout -> fanout.withMapRun(Optional.of(change.apply(fanout.mapRun()))))));
  }

  private static StatesError failure(EventDetails.Failure failure) {
    return new StatesError(failure.error().orElse(""), failure.cause().orElse(""));
  }

  /** Branches or iterations from before the state was last entered: a redrive re-entered it. */
  private static Optional<Fanout> carried(ActiveState active) {
    return active.fanout().filter(fanout -> fanout.startedEventId() < active.enteredEventId());
  }

  /** An iteration starts; one carried over by a redrive keeps the state it stopped in. */
  static ExecutionState iterationStarted(ExecutionState execution, HistoryEvent event) {
    var index = event.details(EventDetails.MapIteration.class).index();
    return Evolve.updateActive(execution, event, active -> active.withFanout(active.fanout().map(fanout -> {
      var previous = fanout.branch(index);
      return fanout.withBranch(index, new Scope(previous.active(), event.id(), Scope.ScopeStatus.RUNNING, previous.output(), previous.variables()));
    })));
  }

  static ExecutionState iterationEnded(ExecutionState execution, HistoryEvent event, Scope.ScopeStatus status) {
    var index = event.details(EventDetails.MapIteration.class).index();
    return Evolve.updateActive(execution, event, active -> active.withFanout(active.fanout().map(
        fanout -> fanout.withBranch(index, fanout.branch(index).withStatus(status)))));
  }
}
