package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.FailState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.SucceedState;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.Transition;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs states one after another: enters a state, lets its behavior work, and follows the transition, until a state
 * waits (a task, a timer) or the execution closes. A loop, not recursion, so a long synchronous chain cannot overflow.
 */
public final class StateFlow {
  /** AWS's hard limit on an execution's history. */
  static final int MAX_HISTORY_EVENTS = 25_000;

  private StateFlow() {}

  public static void run(DecisionBuilder out, String stateName, JsonNode input) {
    continueWith(out, new Step.Next(stateName, input));
  }

  static void continueWith(DecisionBuilder out, Step step) {
    while (step instanceof Step.Next next) {
      if (out.execution().lastEventId() >= MAX_HISTORY_EVENTS - 2) {
        failExecution(out, new StatesError(StatesError.RUNTIME,
            "The execution reached the limit of " + MAX_HISTORY_EVENTS + " history events."));
        return;
      }
      step = enter(out, next.stateName(), next.input());
    }
  }

  private static Step enter(DecisionBuilder out, String stateName, JsonNode input) {
    var state = out.definition().graph().state(stateName);
    out.appendToFlow(HistoryEventType.stateEntered(state.typeName()), new EventDetails.StateEntered(stateName, input));
    return guarded(out, state, () -> behave(out, state));
  }

  private static Step behave(DecisionBuilder out, AslState state) {
    if (state.queryLanguage() == QueryLanguage.JSONATA) {
      throw notYetRun("JSONata states");
    }
    if (state instanceof PassState pass) {
      return PassBehavior.enter(out, pass);
    } else if (state instanceof TaskState task) {
      return TaskBehavior.enter(out, task);
    } else if (state instanceof ChoiceState choice) {
      return ChoiceBehavior.enter(out, choice);
    } else if (state instanceof WaitState wait) {
      return WaitBehavior.enter(out, wait);
    } else if (state instanceof SucceedState succeed) {
      return SucceedBehavior.enter(out, succeed);
    } else if (state instanceof FailState fail) {
      return FailBehavior.enter(out, fail);
    } else if (state instanceof ParallelState) {
      throw notYetRun("Parallel states");
    } else if (state instanceof MapState) {
      throw notYetRun("Map states");
    }
    throw new IllegalStateException("Expected a known state type, but got " + state.getClass().getSimpleName());
  }

  static StatesFailure notYetRun(String what) {
    return StatesFailure.runtime("stepfold does not run " + what + " yet.");
  }

  /** Runs a part of a state's turn; an error it raises goes through the state's Retry and Catch, or fails the execution. */
  static Step guarded(DecisionBuilder out, AslState state, Supplier<Step> work) {
    try {
      return work.get();
    } catch (StatesFailure failure) {
      return fail(out, state, failure.statesError());
    }
  }

  static Step fail(DecisionBuilder out, AslState state, StatesError error) {
    var located = StateFailure.located(error, out.active());
    if (located.error().equals(StatesError.RUNTIME)) {
      // States.Runtime is never retried or caught, not even by name.
      failExecution(out, located);
      return Step.HALT;
    }
    return ErrorHandling.handle(out, state, located);
  }

  /** Leaves the state with its output and follows the transition; the end of the top level ends the execution. */
  static Step exit(DecisionBuilder out, AslState state, JsonNode output, Transition transition) {
    if (Json.exceedsPayloadLimit(output)) {
      return fail(out, state, StateFailure.dataLimitExceeded(state.name()));
    }
    out.appendToFlow(HistoryEventType.stateExited(state.typeName()), new EventDetails.StateExited(state.name(), output, Optional.empty()));
    if (transition.next().isPresent()) {
      return new Step.Next(transition.next().get(), output);
    }
    succeedExecution(out, output);
    return Step.HALT;
  }

  static void succeedExecution(DecisionBuilder out, JsonNode output) {
    out.appendToFlow(HistoryEventType.EXECUTION_SUCCEEDED, new EventDetails.Output(output));
    closed(out);
  }

  public static void failExecution(DecisionBuilder out, StatesError error) {
    out.appendToFlow(HistoryEventType.EXECUTION_FAILED, failure(error));
    closed(out);
  }

  static EventDetails.Failure failure(StatesError error) {
    return new EventDetails.Failure(error.errorIfPresent(), error.causeIfPresent());
  }

  private static void closed(DecisionBuilder out) {
    if (out.definition().timeoutSeconds().isPresent()) {
      out.cancelTimer(Timers.EXECUTION_TIMEOUT);
    }
  }
}
