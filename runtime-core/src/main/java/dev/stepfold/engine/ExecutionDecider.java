package dev.stepfold.engine;

import dev.stepfold.history.HistoryEvent;
import java.time.Instant;

/**
 * The engine: an execution is the fold of its history. {@code decide} never mutates and never reads a clock;
 * {@code evolve} trusts history and is the only way state changes.
 */
public interface ExecutionDecider {
  ExecutionState initialState();

  Decision decide(ExecutionState execution, Command command, Instant now);

  /**
   * Decides a command written at {@code writtenAt} and decided at {@code now}, which is later when the runtime was down
   * or behind when it was written (or the writer's clock runs behind): whether a task's answer came before the task's
   * time-out is judged by when the answer was written; what the decision does happens {@code now} — its events carry
   * that time, and the timers it sets (the next task's {@code TimeoutSeconds}, a Wait, a retry's back-off) count from it.
   */
  default Decision decide(ExecutionState execution, Command command, Instant writtenAt, Instant now) {
    return decide(execution, command, now);
  }

  ExecutionState evolve(ExecutionState execution, HistoryEvent event);
}
