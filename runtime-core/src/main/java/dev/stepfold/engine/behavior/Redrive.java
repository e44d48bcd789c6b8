package dev.stepfold.engine.behavior;

import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.history.StartedBy;
import dev.stepfold.history.ScopePath;
import java.util.Optional;

/**
 * A redrive continues an execution from its unsuccessful states: every state entered and not exited is entered
 * again with the input it had (R19, R20), as a new state — its retries counted from zero, a new task and token, its
 * timeouts from now (R24, R26, R30). A Parallel or Map entered again reruns only the branches and iterations that did
 * not succeed, each from the state it stopped in (R33, R35).
 */
public final class Redrive {
  private Redrive() {}

  /**
   * Appends ExecutionRedriven (following nothing, Q3; counting this redrive, Q4) and re-enters the top-level state
   * that did not finish. The state machine's timeout starts again (R27).
   */
  public static void start(DecisionBuilder out, Optional<String> clientToken) {
    start(out, clientToken, Optional.empty(), RedriveFix.NONE);
  }

  /**
   * A redrive of a child execution by its parent's task {@code parentTask}, which it reports to from now on; a
   * redrive after a fix records it, and its fold continues in the version, state and input the fix names.
   */
  public static void start(DecisionBuilder out, Optional<String> clientToken, Optional<StartedBy.ParentTask> parentTask, RedriveFix fix) {
    var execution = out.execution();
    var closeError = execution.closeError();
    out.append(HistoryEventType.EXECUTION_REDRIVEN, 0, new EventDetails.ExecutionRedriven(execution.redrives().count() + 1, clientToken, parentTask,
        fix.isNone() ? Optional.empty() : Optional.of(fix)));
    out.definition().timeoutSeconds().ifPresent(seconds -> out.setTimer(Timers.EXECUTION_TIMEOUT, out.now().plusSeconds(seconds)));
    if (out.scope(ScopePath.ROOT).active().isPresent()) {
      StateFlow.continueWith(out, resume(out, ScopePath.ROOT));
    } else {
      // Q25: no state was left unfinished (the execution failed after its last state): it ends as it ended.
      var error = closeError.map(close -> new StatesError(close.error().orElse(""), close.cause().orElse(""))).orElse(new StatesError("", ""));
      StateFlow.failExecution(out, error, out.execution().lastEventId());
    }
  }

  /** Q2, Q15: the scope's unfinished state, entered again (its {@code …StateEntered} once more) with the input it had. */
  static Step resume(DecisionBuilder out, ScopePath scope) {
    var active = out.active(scope);
    active.unfinishedChild().ifPresent(child -> out.resumingChild(scope, child));
    return new Step.Next(scope, active.stateName(), active.input());
  }
}
