package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.FailState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.SucceedState;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.Transition;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Scopes;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs states one after another: enters a state, lets its behavior work, and follows the transition, until a state
 * waits (a task, a timer) or the execution closes. The end or failure of a branch or iteration hands over to its
 * Parallel or Map. A loop, not recursion, so a long synchronous chain cannot overflow the stack.
 */
public final class StateFlow {
  /** AWS's hard limit on an execution's history. */
  static final int MAX_HISTORY_EVENTS = 25_000;
  /**
   * The events a state's turn may add before the next check, with the execution's failure: a Task is entered,
   * scheduled, started, answered and exited (a retry skips the entry); any other state outside a Parallel or Map is
   * entered and exited. (A Parallel's branches and a Map's iterations are checked as their own states are entered.)
   */
  private static final int TASK_TURN = 6;
  private static final int RETRY_TURN = 5;
  private static final int OTHER_TURN = 2;

  private StateFlow() {}

  public static void run(DecisionBuilder out, ScopePath scope, String stateName, JsonNode input) {
    continueWith(out, new Step.Next(scope, stateName, input));
  }

  static void continueWith(DecisionBuilder out, Step step) {
    while (step instanceof Step.Next next) {
      if (out.execution().status().isClosed()) {
        return;
      }
      if (out.trial().filter(trial -> trial.stopsBefore(next.scope(), next.stateName(), next.input())).isPresent()) {
        return;   // a tested state hands over here
      }
      var entering = Scopes.graph(out.execution(), next.scope()).state(next.stateName());
      if (historyFull(out, entering instanceof TaskState ? TASK_TURN : OTHER_TURN)) {
        return;
      }
      step = enter(out, next.scope(), next.stateName(), next.input());
    }
  }

  private static Step enter(DecisionBuilder out, ScopePath scope, String stateName, JsonNode input) {
    var state = Scopes.graph(out.execution(), scope).state(stateName);
    out.appendToFlow(scope, HistoryEventType.stateEntered(state.typeName()), new EventDetails.StateEntered(stateName, input));
    return guarded(out, scope, state, () -> behave(out, scope, state));
  }

  private static Step behave(DecisionBuilder out, ScopePath scope, AslState state) {
    if (state instanceof PassState pass) {
      return PassBehavior.enter(out, scope, pass);
    } else if (state instanceof TaskState task) {
      return TaskBehavior.schedule(out, scope, task);
    } else if (state instanceof ChoiceState choice) {
      return ChoiceBehavior.enter(out, scope, choice);
    } else if (state instanceof WaitState wait) {
      return WaitBehavior.enter(out, scope, wait);
    } else if (state instanceof SucceedState succeed) {
      return SucceedBehavior.enter(out, scope, succeed);
    } else if (state instanceof FailState fail) {
      return FailBehavior.enter(out, scope, fail);
    } else if (state instanceof ParallelState parallel) {
      return ParallelBehavior.start(out, scope, parallel, Optional.empty(), out.scope(scope).lastEventId());
    } else if (state instanceof MapState map) {
      return MapBehavior.start(out, scope, map, Optional.empty(), out.scope(scope).lastEventId());
    }
    throw new IllegalStateException("Expected a known state type, but got " + state.getClass().getSimpleName());
  }

  /**
   * Fails the execution when a turn of {@code turn} events could take its history past AWS's limit of 25,000 events,
   * as AWS fails an execution whose history would exceed it; the failure is the last event. Checked before each state
   * is entered and before each retry.
   */
  private static boolean historyFull(DecisionBuilder out, int turn) {
    if (out.execution().lastEventId() < MAX_HISTORY_EVENTS - turn) {
      return false;
    }
    failExecution(out, new StatesError(StatesError.RUNTIME,
        "The execution reached the limit of " + MAX_HISTORY_EVENTS + " history events."), out.execution().lastEventId());
    return true;
  }

  /** The back-off of a retry is over: the state's next attempt starts, and the flow goes on from it. */
  public static void retryDue(DecisionBuilder out, ScopePath scope, AslState state, String retriedError, long flowPoint) {
    if (historyFull(out, RETRY_TURN)) {
      return;
    }
    continueWith(out, guarded(out, scope, state, () -> ErrorHandling.retryNow(out, scope, state, retriedError, flowPoint)));
  }

  static StatesFailure notYetRun(String what) {
    return StatesFailure.runtime("stepfold does not run " + what + " yet.");
  }

  /** Runs a part of a state's turn; an error it raises goes through the state's Retry and Catch, or fails its scope. */
  static Step guarded(DecisionBuilder out, ScopePath scope, AslState state, Supplier<Step> work) {
    try {
      return work.get();
    } catch (StatesFailure failure) {
      return fail(out, scope, state, failure.statesError(), failure.location());
    }
  }

  static Step fail(DecisionBuilder out, ScopePath scope, AslState state, StatesError error) {
    return fail(out, scope, state, error, Optional.empty());
  }

  /** {@code location} names the field that failed, where the cause does not already. */
  static Step fail(DecisionBuilder out, ScopePath scope, AslState state, StatesError error, Optional<String> location) {
    var active = out.active(scope);
    // In a JSONata state, a field that cannot be evaluated is a query evaluation error, whatever went wrong.
    var raised = DataFlow.jsonata(state) && error.error().equals(StatesError.RUNTIME)
        ? new StatesError(StatesError.QUERY_EVALUATION_ERROR, error.cause()) : error;
    var located = StateFailure.located(raised, active);
    if (!located.error().equals(StatesError.QUERY_EVALUATION_ERROR)) {
      return ErrorHandling.handle(out, scope, state, located, out.scope(scope).lastEventId());
    }
    // AWS records the failed evaluation following what the state's entry followed (a Wait's, following its entry);
    // a Parallel or Map then fails.
    long evaluatedAfter = state instanceof WaitState ? active.enteredEventId() : active.enteredAfterEventId();
    var evaluationFailed = out.append(scope, HistoryEventType.EVALUATION_FAILED, evaluatedAfter, new EventDetails.EvaluationFailed(
        located.errorIfPresent(), located.causeIfPresent(), location.or(() -> StateFailure.location(located.cause())), state.name()));
    return ErrorHandling.handle(out, scope, state, located, evaluationFailed.id(), true);
  }

  static Step exit(DecisionBuilder out, ScopePath scope, AslState state, Outcome outcome, Transition transition) {
    return exit(out, scope, state, outcome, transition, out.scope(scope).lastEventId());
  }

  /** Leaves the state with its output and follows the transition; the end of a scope ends the execution or its branch. */
  static Step exit(DecisionBuilder out, ScopePath scope, AslState state, Outcome outcome, Transition transition, long previousEventId) {
    if (Json.exceedsPayloadLimit(outcome.output())) {
      return fail(out, scope, state, StateFailure.dataLimitExceeded(state.name()));
    }
    out.append(scope, HistoryEventType.stateExited(state.typeName()), previousEventId,
        new EventDetails.StateExited(state.name(), outcome.output(), outcome.assigned()));
    if (transition.next().isPresent()) {
      return new Step.Next(scope, transition.next().get(), outcome.output());
    }
    if (scope.isRoot()) {
      succeedExecution(out, outcome.output());
      return Step.HALT;
    }
    return Fanouts.childEnded(out, scope);
  }

  /** The scope failed with an error nothing in it handled: the execution fails, or the branch's Parallel or Map handles it. */
  static Step failScope(DecisionBuilder out, ScopePath scope, StatesError error, long failingEventId) {
    if (scope.isRoot()) {
      failExecution(out, error, failingEventId);
      return Step.HALT;
    }
    return Fanouts.childFailed(out, scope, error, failingEventId);
  }

  static void succeedExecution(DecisionBuilder out, JsonNode output) {
    out.appendToFlow(HistoryEventType.EXECUTION_SUCCEEDED, new EventDetails.Output(output));
    closed(out);
  }

  public static void failExecution(DecisionBuilder out, StatesError error, long previousEventId) {
    out.append(HistoryEventType.EXECUTION_FAILED, previousEventId, failure(error));
    closed(out);
  }

  static EventDetails.Failure failure(StatesError error) {
    return new EventDetails.Failure(error.errorIfPresent(), error.causeIfPresent());
  }

  private static void closed(DecisionBuilder out) {
    if (Timers.executionTimeout(out.execution().started().orElseThrow()).isPresent()) {
      out.cancelTimer(Timers.EXECUTION_TIMEOUT);
    }
  }
}
