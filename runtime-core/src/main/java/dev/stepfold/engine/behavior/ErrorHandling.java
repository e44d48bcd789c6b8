package dev.stepfold.engine.behavior;

import dev.stepfold.asl.AslState;
import dev.stepfold.asl.Catcher;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.Retrier;
import dev.stepfold.asl.TaskState;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Retry, then Catch, then failing the scope. The first retrier whose ErrorEquals names the error decides; each
 * retrier counts its own attempts, which follow from the errors the state has retried so far. States.Runtime is
 * never retried or caught, not even by name.
 *
 * <p>{@code flowPoint} is the event the handling follows: the task's failure, or for a Parallel or Map the event that
 * failed its branch. A Parallel or Map writes ParallelStateFailed / MapStateFailed after it when it does not retry.
 */
final class ErrorHandling {
  private ErrorHandling() {}

  /** An error of the state's own work (its task, its input or output processing). */
  static Step handle(DecisionBuilder out, ScopePath scope, AslState state, StatesError error, long flowPoint) {
    return handle(out, scope, state, error, flowPoint, false);
  }

  /**
   * {@code fromBranch}: the error failed one of the state's branches or iterations, so a Parallel or Map that does not
   * retry writes ParallelStateFailed / MapStateFailed; an error of its own evaluation, before any branch ran, does not.
   */
  static Step handle(DecisionBuilder out, ScopePath scope, AslState state, StatesError error, long flowPoint, boolean fromBranch) {
    var active = out.active(scope);
    boolean handleable = !error.error().equals(StatesError.RUNTIME);
    var retriers = retriers(state);
    var retrierIndex = handleable ? firstMatching(retriers, error) : -1;
    var trial = out.trial();
    trial.ifPresent(test -> test.handling(error));
    if (retrierIndex >= 0) {
      var retrier = retriers.get(retrierIndex);
      // A tested state has made the retries its test says, and ends where it would retry.
      var used = trial.isPresent() ? trial.get().retriesMade() : attemptsUsed(retriers, retrierIndex, active);
      var retries = used < retrier.maxAttempts() ? Optional.of(delay(retrier, used, active)) : Optional.<Duration>empty();
      trial.ifPresent(test -> test.retrier(retrierIndex, retries));
      if (retries.isPresent()) {
        return trial.isPresent() ? Step.HALT : retry(out, scope, state, active, error, flowPoint, retries.get());
      }
    }
    long failed = fromBranch ? fanoutFailed(out, scope, state, flowPoint) : flowPoint;
    if (handleable) {
      var catchers = catchers(state);
      for (int i = 0; i < catchers.size(); i++) {
        if (catchers.get(i).errorEquals().stream().anyMatch(error::matches)) {
          int catchIndex = i;
          trial.ifPresent(test -> test.caught(catchIndex));
          return caught(out, scope, state, active, catchers.get(i), error, failed);
        }
      }
    }
    return StateFlow.failScope(out, scope, error, failed);
  }

  private static Step retry(
      DecisionBuilder out, ScopePath scope, AslState state, ActiveState active, StatesError error, long flowPoint, Duration delay) {
    if (delay.isZero()) {
      return retryNow(out, scope, state, error.error(), flowPoint);
    }
    out.setTimer(Timers.retryDue(active.enteredEventId(), active.retryCount() + 1, flowPoint, error.error()), out.now().plus(delay));
    return Step.HALT;
  }

  /** The next attempt, when its back-off is over. */
  static Step retryNow(DecisionBuilder out, ScopePath scope, AslState state, String retriedError, long flowPoint) {
    if (state instanceof TaskState task) {
      return TaskBehavior.schedule(out, scope, task);
    } else if (state instanceof ParallelState parallel) {
      return ParallelBehavior.start(out, scope, parallel, Optional.of(retriedError), flowPoint);
    } else if (state instanceof MapState map) {
      return MapBehavior.start(out, scope, map, Optional.of(retriedError), flowPoint);
    }
    throw new IllegalStateException("Expected a state that retries, but got " + state.typeName());
  }

  /** A Parallel or Map that does not retry records that it failed; what follows names that event. */
  private static long fanoutFailed(DecisionBuilder out, ScopePath scope, AslState state, long flowPoint) {
    if (state instanceof ParallelState) {
      return out.append(scope, HistoryEventType.PARALLEL_STATE_FAILED, flowPoint, EventDetails.None.INSTANCE).id();
    } else if (state instanceof MapState) {
      return out.append(scope, HistoryEventType.MAP_STATE_FAILED, flowPoint, EventDetails.None.INSTANCE).id();
    }
    return flowPoint;
  }

  private static Step caught(
      DecisionBuilder out, ScopePath scope, AslState state, ActiveState active, Catcher catcher, StatesError error, long previousEventId) {
    // A failure that names no error shows null for both; one that names an error and no cause shows "" (a timeout).
    var errorOutput = Json.object();
    errorOutput.put("Error", error.errorIfPresent().orElse(null));
    errorOutput.put("Cause", error.errorIfPresent().isPresent() ? error.cause() : error.causeIfPresent().orElse(null));
    var env = StateEnv.of(out, scope, active, true, Optional.empty());
    Outcome outcome;
    try {
      outcome = DataFlow.caught(state, catcher, active.input(), errorOutput, env);
    } catch (StatesFailure failure) {
      // The catcher itself cannot place the error (a ResultPath the input has no room for, an Output or Assign that
      // fails): nothing catches that, and the scope fails with it.
      return StateFlow.failScope(out, scope, StateFailure.located(failure.statesError(), active), previousEventId);
    }
    out.append(scope, HistoryEventType.stateExited(state.typeName()), previousEventId,
        new EventDetails.StateExited(state.name(), outcome.output(), outcome.assigned()));
    return new Step.Next(scope, catcher.next(), outcome.output());
  }

  private static int firstMatching(List<Retrier> retriers, StatesError error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (retriers.get(i).errorEquals().stream().anyMatch(error::matches)) {
        return i;
      }
    }
    return -1;
  }

  private static int attemptsUsed(List<Retrier> retriers, int retrierIndex, ActiveState active) {
    int used = 0;
    for (var retried : active.retriedErrors()) {
      if (firstMatching(retriers, new StatesError(retried, "")) == retrierIndex) {
        used++;
      }
    }
    return used;
  }

  /** IntervalSeconds × BackoffRate^attempts, at most MaxDelaySeconds; FULL jitter draws from [0, delay). */
  private static Duration delay(Retrier retrier, int attemptsUsed, ActiveState active) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attemptsUsed);
    if (retrier.maxDelaySeconds().isPresent()) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds().getAsLong());
    }
    if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
      // Seeded by the attempt, so deciding again on the same history gives the same delay.
      seconds *= new SplittableRandom(active.enteredEventId() * 31 + active.retryCount()).nextDouble();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static List<Retrier> retriers(AslState state) {
    if (state instanceof TaskState task) {
      return task.retry();
    } else if (state instanceof ParallelState parallel) {
      return parallel.retry();
    } else if (state instanceof MapState map) {
      return map.retry();
    }
    return List.of();
  }

  private static List<Catcher> catchers(AslState state) {
    if (state instanceof TaskState task) {
      return task.catchers();
    } else if (state instanceof ParallelState parallel) {
      return parallel.catchers();
    } else if (state instanceof MapState map) {
      return map.catchers();
    }
    return List.of();
  }
}
