package dev.stepfold.engine.evolve;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.SucceedState;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Appliers of a state's own events: entered, exited, aborted. */
final class StateLifecycle {
  private StateLifecycle() {}

  /**
   * A state is entered. A scope still holding the same state as active is a redrive re-entering it: a Parallel or Map
   * then keeps its branches or iterations, so that the ones that succeeded are not run again.
   */
  static ExecutionState entered(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.StateEntered.class);
    var entered = ActiveState.entered(details.name(), event.id(), event.previousEventId(), event.timestamp(), details.input());
    var updated = Scopes.update(execution, event.scope(), scope -> {
      var carried = scope.active().filter(previous -> previous.stateName().equals(details.name())).flatMap(ActiveState::fanout);
      return new Scope(Optional.of(entered.withFanout(carried)), event.id(), Scope.ScopeStatus.RUNNING, scope.output(), scope.variables());
    });
    if (event.scope().isRoot() && keepsTopLevelInputs(execution)) {
      return updated.withTopLevelInputs(updated.topLevelInputs().plus(details.name(), details.input()));
    }
    return updated;
  }

  /** Only a STANDARD execution can be redriven from a chosen state, so only it keeps its top-level states' inputs. */
  private static boolean keepsTopLevelInputs(ExecutionState execution) {
    return execution.started().filter(started -> started.executionType() == ExecutionType.STANDARD).isPresent();
  }

  /**
   * A state that ends its scope (End, or Succeed) leaves it SUCCEEDED with the state's output. A state left through a
   * Catch is followed at once by the catcher's state, which sets the scope running again.
   */
  static ExecutionState exited(ExecutionState execution, HistoryEvent event) {
    var details = event.details(EventDetails.StateExited.class);
    var state = Scopes.graph(execution, event.scope()).state(details.name());
    boolean ends = state instanceof SucceedState || Transitions.endsScope(state);
    return Scopes.update(execution, event.scope(), scope -> new Scope(
        Optional.empty(), event.id(), ends ? Scope.ScopeStatus.SUCCEEDED : scope.status(), Optional.of(details.output()),
        details.assignedVariables().map(assigned -> assign(scope.variables(), assigned)).orElse(scope.variables())));
  }

  private static Map<String, JsonNode> assign(Map<String, JsonNode> variables, Map<String, JsonNode> assigned) {
    var merged = new LinkedHashMap<>(variables);
    merged.putAll(assigned);
    return Collections.unmodifiableMap(merged);
  }

  /**
   * The state stays active, so that a redrive knows where the scope stopped. A scope that already failed (the task
   * that failed its iteration is aborted too) stays FAILED.
   */
  static ExecutionState aborted(ExecutionState execution, HistoryEvent event) {
    return Scopes.update(execution, event.scope(), scope -> new Scope(
        scope.active().map(active -> active.withTask(Optional.empty())), event.id(),
        scope.status() == Scope.ScopeStatus.FAILED ? Scope.ScopeStatus.FAILED : Scope.ScopeStatus.ABORTED, scope.output(),
        scope.variables()));
  }
}
