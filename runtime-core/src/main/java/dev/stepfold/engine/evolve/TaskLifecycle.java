package dev.stepfold.engine.evolve;

import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.TaskInFlight;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.engine.nested.NestedStart;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/** Appliers of a task's events: scheduled, started, submitted, and its outcome. */
final class TaskLifecycle {
  private TaskLifecycle() {}

  static ExecutionState scheduled(ExecutionState execution, HistoryEvent event) {
    TaskInFlight task;
    if (event.details() instanceof EventDetails.TaskScheduled details) {
      task = new TaskInFlight(event.id(), false, false, timeoutDue(event, details.timeoutInSeconds()),
          NestedStart.syncChild(executionArn(execution), event.id(), details));
    } else if (event.details() instanceof EventDetails.LambdaFunctionScheduled details) {
      task = new TaskInFlight(event.id(), false, false, timeoutDue(event, details.timeoutInSeconds()), Optional.empty());
    } else {
      var details = event.details(EventDetails.ActivityScheduled.class);
      task = new TaskInFlight(event.id(), false, false, timeoutDue(event, details.timeoutInSeconds()), Optional.empty());
    }
    return update(execution, event, active -> active.attemptStarted().withTask(Optional.of(task)));
  }

  private static dev.stepfold.arn.ExecutionArn executionArn(ExecutionState execution) {
    return execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution to schedule a task, but it has not started"))
        .executionArn();
  }

  /** The task's timeout timer is set when it is scheduled, for the seconds the event records. */
  private static Optional<Instant> timeoutDue(HistoryEvent scheduled, OptionalLong timeoutSeconds) {
    return timeoutSeconds.isPresent() ? Optional.of(scheduled.timestamp().plusSeconds(timeoutSeconds.getAsLong())) : Optional.empty();
  }

  static ExecutionState started(ExecutionState execution, HistoryEvent event) {
    return update(execution, event, active -> active.withTask(active.task().map(TaskInFlight::asStarted)));
  }

  static ExecutionState submitted(ExecutionState execution, HistoryEvent event) {
    return update(execution, event, active -> active.withTask(active.task().map(TaskInFlight::asSubmitted)));
  }

  static ExecutionState succeeded(ExecutionState execution, HistoryEvent event) {
    return update(execution, event, active -> active.withTask(Optional.empty()));
  }

  static ExecutionState failed(ExecutionState execution, HistoryEvent event) {
    String error;
    String cause;
    if (event.details() instanceof EventDetails.TaskFailure details) {
      error = details.error().orElse("");
      cause = details.cause().orElse("");
    } else {
      var details = event.details(EventDetails.Failure.class);
      error = details.error().orElse("");
      cause = details.cause().orElse("");
    }
    var failure = new StatesError(error, cause);
    return update(execution, event, active -> active.failed(failure));
  }

  private static ExecutionState update(ExecutionState execution, HistoryEvent event, UnaryOperator<ActiveState> change) {
    return Evolve.updateActive(execution, event, change);
  }
}
