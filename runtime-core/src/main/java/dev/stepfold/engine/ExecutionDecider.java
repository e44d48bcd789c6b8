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

  ExecutionState evolve(ExecutionState execution, HistoryEvent event);
}
