package dev.stepfold.engine.evolve;

import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.engine.MapRunStatus;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code evolve}: applies one event to the execution. It copies facts from the event and decides nothing; history is
 * trusted. Every event type is handled here, so a new type does not compile until it is.
 */
public final class Evolve {
  private Evolve() {}

  public static ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
    var next = switch (event.type()) {
      case EXECUTION_STARTED -> ExecutionLifecycle.started(execution, event);
      case EXECUTION_SUCCEEDED -> ExecutionLifecycle.succeeded(execution, event);
      case EXECUTION_FAILED -> ExecutionLifecycle.closed(execution, event, ExecutionStatus.FAILED);
      case EXECUTION_TIMED_OUT -> ExecutionLifecycle.closed(execution, event, ExecutionStatus.TIMED_OUT);
      case EXECUTION_ABORTED -> ExecutionLifecycle.closed(execution, event, ExecutionStatus.ABORTED);
      case EXECUTION_REDRIVEN -> ExecutionLifecycle.redriven(execution, event);

      case PASS_STATE_ENTERED, TASK_STATE_ENTERED, CHOICE_STATE_ENTERED, WAIT_STATE_ENTERED, SUCCEED_STATE_ENTERED,
          FAIL_STATE_ENTERED, PARALLEL_STATE_ENTERED, MAP_STATE_ENTERED -> StateLifecycle.entered(execution, event);
      case PASS_STATE_EXITED, TASK_STATE_EXITED, CHOICE_STATE_EXITED, WAIT_STATE_EXITED, SUCCEED_STATE_EXITED,
          PARALLEL_STATE_EXITED, MAP_STATE_EXITED -> StateLifecycle.exited(execution, event);
      case TASK_STATE_ABORTED, WAIT_STATE_ABORTED, PARALLEL_STATE_ABORTED, MAP_STATE_ABORTED -> StateLifecycle.aborted(execution, event);

      case TASK_SCHEDULED, LAMBDA_FUNCTION_SCHEDULED, ACTIVITY_SCHEDULED -> TaskLifecycle.scheduled(execution, event);
      case TASK_STARTED, LAMBDA_FUNCTION_STARTED, ACTIVITY_STARTED -> TaskLifecycle.started(execution, event);
      case TASK_SUBMITTED -> TaskLifecycle.submitted(execution, event);
      case TASK_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED, ACTIVITY_SUCCEEDED -> TaskLifecycle.succeeded(execution, event);
      case TASK_FAILED, TASK_TIMED_OUT, TASK_START_FAILED, TASK_SUBMIT_FAILED, LAMBDA_FUNCTION_FAILED,
          LAMBDA_FUNCTION_TIMED_OUT, LAMBDA_FUNCTION_START_FAILED, LAMBDA_FUNCTION_SCHEDULE_FAILED, ACTIVITY_FAILED,
          ACTIVITY_TIMED_OUT, ACTIVITY_SCHEDULE_FAILED -> TaskLifecycle.failed(execution, event);

      case PARALLEL_STATE_STARTED -> FanoutLifecycle.parallelStarted(execution, event);
      case MAP_STATE_STARTED -> FanoutLifecycle.mapStarted(execution, event);
      case MAP_ITERATION_STARTED -> FanoutLifecycle.iterationStarted(execution, event);
      case MAP_ITERATION_SUCCEEDED -> FanoutLifecycle.iterationEnded(execution, event, Scope.ScopeStatus.SUCCEEDED);
      case MAP_ITERATION_FAILED -> FanoutLifecycle.iterationEnded(execution, event, Scope.ScopeStatus.FAILED);
      case MAP_ITERATION_ABORTED -> FanoutLifecycle.iterationEnded(execution, event, Scope.ScopeStatus.ABORTED);
      case MAP_RUN_STARTED -> FanoutLifecycle.mapRunStarted(execution, event);
      case MAP_RUN_REDRIVEN -> FanoutLifecycle.mapRunRedriven(execution, event);
      case MAP_RUN_SUCCEEDED -> FanoutLifecycle.mapRunEnded(execution, event, MapRunStatus.SUCCEEDED);
      case MAP_RUN_FAILED -> FanoutLifecycle.mapRunEnded(execution, event, MapRunStatus.FAILED);
      case MAP_RUN_ABORTED -> FanoutLifecycle.mapRunEnded(execution, event, MapRunStatus.ABORTED);
      case PARALLEL_STATE_SUCCEEDED, PARALLEL_STATE_FAILED, MAP_STATE_SUCCEEDED, MAP_STATE_FAILED, EVALUATION_FAILED -> withFlow(execution, event);
    };
    return next.withLastEventId(event.id());
  }

  /** The event moves its scope's flow forward and changes nothing else. */
  static ExecutionState withFlow(ExecutionState execution, HistoryEvent event) {
    return Scopes.update(execution, event.scope(), scope -> scope.withActive(scope.active(), event.id()));
  }

  /** Changes the active state of the event's scope and moves its flow forward. */
  static ExecutionState updateActive(ExecutionState execution, HistoryEvent event, UnaryOperator<ActiveState> change) {
    return Scopes.update(execution, event.scope(), scope -> {
      var active = scope.active().orElseThrow(() -> new IllegalStateException(
          "Expected an active state in scope " + event.scope() + " for " + event.type().awsName() + " " + event.id() + ", but there is none"));
      return scope.withActive(Optional.of(change.apply(active)), event.id());
    });
  }
}
