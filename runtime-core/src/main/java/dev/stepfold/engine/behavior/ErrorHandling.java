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
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Retry, then Catch, then failing the execution. The first retrier whose ErrorEquals names the error decides; each
 * retrier counts its own attempts, which follow from the errors the state has retried so far.
 */
final class ErrorHandling {
  private ErrorHandling() {}

  static Step handle(DecisionBuilder out, AslState state, StatesError error) {
    var active = out.active();
    var retriers = retriers(state);
    var retrierIndex = firstMatching(retriers, error);
    if (retrierIndex >= 0) {
      var retrier = retriers.get(retrierIndex);
      var used = attemptsUsed(retriers, retrierIndex, active);
      if (used < retrier.maxAttempts()) {
        return retry(out, state, active, delay(retrier, used, active));
      }
    }
    for (var catcher : catchers(state)) {
      if (catcher.errorEquals().stream().anyMatch(error::matches)) {
        return caught(out, state, active, catcher, error);
      }
    }
    StateFlow.failExecution(out, error);
    return Step.HALT;
  }

  private static Step retry(DecisionBuilder out, AslState state, ActiveState active, Duration delay) {
    if (delay.isZero()) {
      return retryNow(out, state);
    }
    out.setTimer(Timers.retryDue(active.enteredEventId(), active.retryCount() + 1), out.now().plus(delay));
    return Step.HALT;
  }

  /** The next attempt, when its back-off is over. */
  static Step retryNow(DecisionBuilder out, AslState state) {
    if (state instanceof TaskState task) {
      return TaskBehavior.schedule(out, task);
    }
    throw new IllegalStateException("Expected a state that retries, but got " + state.typeName());
  }

  private static Step caught(DecisionBuilder out, AslState state, ActiveState active, Catcher catcher, StatesError error) {
    // A failure that names no error shows null for both; one that names an error and no cause shows "" (a timeout).
    var errorOutput = Json.object();
    errorOutput.put("Error", error.errorIfPresent().orElse(null));
    errorOutput.put("Cause", error.errorIfPresent().isPresent() ? error.cause() : error.causeIfPresent().orElse(null));
    var output = JsonPathFlow.placeResult(catcher.resultPath(), active.input(), errorOutput);
    out.appendToFlow(HistoryEventType.stateExited(state.typeName()), new EventDetails.StateExited(state.name(), output, Optional.empty()));
    return new Step.Next(catcher.next(), output);
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
