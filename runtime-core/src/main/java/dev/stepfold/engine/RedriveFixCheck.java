package dev.stepfold.engine;

import dev.stepfold.asl.AslState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.history.ScopePath;
import java.util.Optional;

/**
 * Whether a redrive after a fix can continue the execution as it asks, checked before anything is appended. The states
 * that must run again are looked up by name in the definition the redrive continues in (the version it names, or the
 * execution's own): the top-level state it enters again, and inside a Parallel or inline Map that keeps its branches
 * or iterations, the state each one that runs again stopped in. Branches are matched by position, so a Parallel must
 * keep its number of branches, a Map must stay a Map of the same mode, and a Distributed Map whose map run is
 * redriven must keep its item processor (its child executions run the one they started with). A refusal names the
 * state.
 */
public final class RedriveFixCheck {
  private RedriveFixCheck() {}

  public static Optional<String> refusal(ExecutionState execution, RedriveFix fix) {
    var current = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution")).definition();
    var target = fix.onto().map(RedriveFix.Version::definition).orElse(current);
    var where = fix.onto().map(version -> "version " + version.stateMachineVersionArn()).orElse("the execution's definition");
    var active = execution.root().active();
    if (fix.fromState().isPresent()) {
      var name = fix.fromState().get();
      if (!execution.topLevelInputs().containsKey(name)) {
        return Optional.of("State '" + name + "' has not run in the execution's top level, so the execution cannot be redriven from it");
      }
      if (!target.graph().states().containsKey(name)) {
        return Optional.of("State '" + name + "' to redrive from does not exist in the top level of " + where);
      }
      if (active.filter(state -> state.stateName().equals(name)).isEmpty()) {
        // entered afresh: nothing it recorded before has to fit
        return Optional.empty();
      }
    }
    if (active.isEmpty()) {
      return Optional.empty();
    }
    var carriesBranches = !RedriveRules.rerunsInFull(execution.error());
    return new Walk(fix, where).scope(Scopes.get(execution, ScopePath.ROOT), current.graph(), target.graph(),
        "the top level", carriesBranches);
  }

  private record Walk(RedriveFix fix, String where) {
    /** The state a scope stopped in, entered again in the target graph, and below it what it keeps. */
    Optional<String> scope(Scope scope, StateGraph before, StateGraph after, String place, boolean carriesBranches) {
      var active = scope.active().orElseThrow();
      var name = active.stateName();
      if (!after.states().containsKey(name)) {
        return Optional.of("State '" + name + "' must run again, but " + where + " has no state '" + name + "' in " + place);
      }
      var fanout = active.fanout().filter(kept -> carriesBranches);
      if (fanout.isEmpty()) {
        return Optional.empty();
      }
      return branches(before.state(name), after.state(name), fanout.get());
    }

    private Optional<String> branches(AslState before, AslState after, Fanout fanout) {
      var name = before.name();
      if (before instanceof ParallelState parallel) {
        if (!(after instanceof ParallelState newParallel) || newParallel.branches().size() != parallel.branches().size()) {
          return changed(name, "a Parallel state with " + parallel.branches().size() + " branches");
        }
        for (int i = 0; i < fanout.branches().size(); i++) {
          var refusal = branch(fanout.branch(i), parallel.branches().get(i), newParallel.branches().get(i),
              "branch " + (i + 1) + " of Parallel state '" + name + "'");
          if (refusal.isPresent()) {
            return refusal;
          }
        }
        return Optional.empty();
      }
      var map = (MapState) before;
      if (!(after instanceof MapState newMap) || newMap.mode() != map.mode()) {
        return changed(name, "a " + (map.mode() == MapState.ProcessorMode.DISTRIBUTED ? "Distributed" : "inline") + " Map state");
      }
      var mapRun = fanout.mapRun().filter(RedriveRules::redrivesSameMapRun);
      if (mapRun.isPresent()) {
        if (!newMap.itemProcessor().equals(map.itemProcessor())) {
          return Optional.of("Distributed Map state '" + name + "' must redrive its map run, whose child executions run the item processor"
              + " they started with, but " + where + " changes it");
        }
        if (fix.input().isPresent()) {
          return Optional.of("Distributed Map state '" + name + "' must redrive its map run, whose child executions keep their own input;"
              + " a corrected input cannot reach them");
        }
      }
      for (int i = 0; i < fanout.branches().size(); i++) {
        var refusal = branch(fanout.branch(i), map.itemProcessor(), newMap.itemProcessor(), "iteration " + i + " of Map state '" + name + "'");
        if (refusal.isPresent()) {
          return refusal;
        }
      }
      return Optional.empty();
    }

    /** A branch or iteration that did not succeed runs again from the state it stopped in. */
    private Optional<String> branch(Scope branch, StateGraph before, StateGraph after, String place) {
      if (branch.status() == Scope.ScopeStatus.SUCCEEDED || branch.active().isEmpty()) {
        return Optional.empty();
      }
      return scope(branch, before, after, place, true);
    }

    private Optional<String> changed(String name, String was) {
      return Optional.of("State '" + name + "' must run again keeping the results it recorded as " + was + ", but " + where
          + " changes its structure");
    }
  }
}
