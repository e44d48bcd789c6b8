package dev.stepfold.engine.behavior;

import dev.stepfold.asl.ParallelState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Scope;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.util.Optional;

/**
 * Parallel: every branch runs on the same input (after InputPath and Parameters); when all have ended, the output is
 * their results in branch order. Each attempt starts every branch again.
 */
final class ParallelBehavior {
  private ParallelBehavior() {}

  static Step start(DecisionBuilder out, ScopePath scope, ParallelState state, Optional<String> retriedError, long previousEventId) {
    if (out.trial().isPresent()) {
      return MockedFanout.parallel(out, scope, state, out.trial().get(), previousEventId);
    }
    // The attempt's own view: a retry is counted in its $$.State.RetryCount before ParallelStateStarted records it.
    var active = out.active(scope).attemptStarted(retriedError);
    var env = StateEnv.of(out, scope, active, true, Optional.empty());
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var branchInput = DataFlow.payload(state, active.input(), effectiveInput, env);
    var started = out.append(scope, HistoryEventType.PARALLEL_STATE_STARTED, previousEventId, new EventDetails.ParallelStateStarted(retriedError));
    for (int i = 0; i < state.branches().size(); i++) {
      if (!Fanouts.attemptRunning(out, scope, active.enteredEventId(), started.id())) {
        break;
      }
      var branch = scope.child(i);
      var branchScope = out.scope(branch);
      if (branchScope.awaitsFirstState()) {
        StateFlow.continueWith(out, new Step.Next(branch, state.branches().get(i).startAt(), branchInput));
      } else if (branchScope.status() == Scope.ScopeStatus.RUNNING && branchScope.active().isPresent()) {
        StateFlow.continueWith(out, Redrive.resume(out, branch));
      }
    }
    // A redrive in which every branch had already succeeded has nothing to run: the state ends at once.
    if (Fanouts.attemptRunning(out, scope, active.enteredEventId(), started.id()) && Fanouts.fanout(out, scope).allSucceeded()) {
      return finish(out, scope, state, started.id());
    }
    return Step.HALT;
  }

  static Step branchEnded(DecisionBuilder out, ScopePath branch, ParallelState state) {
    var scope = branch.parent();
    var fanout = Fanouts.fanout(out, scope);
    if (!fanout.allSucceeded()) {
      return Step.HALT;
    }
    return finish(out, scope, state, out.scope(branch).lastEventId());
  }

  private static Step finish(DecisionBuilder out, ScopePath scope, ParallelState state, long lastBranchEvent) {
    var fanout = Fanouts.fanout(out, scope);
    var results = Json.NODES.arrayNode();
    fanout.branches().forEach(done -> results.add(done.output().orElseThrow()));
    out.append(scope, HistoryEventType.PARALLEL_STATE_SUCCEEDED, lastBranchEvent, EventDetails.None.INSTANCE);
    return StateFlow.guarded(out, scope, state, () -> {
      var active = out.active(scope);
      var env = StateEnv.of(out, scope, active, true, Optional.empty());
      return StateFlow.exit(out, scope, state, DataFlow.afterResult(state, active.input(), results, env), state.transition(), lastBranchEvent);
    });
  }
}
