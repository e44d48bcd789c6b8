package dev.stepfold.engine;

import dev.stepfold.history.HistoryEvent;
import java.time.Instant;

/** Placeholder until the engine lands: the local runner, the conformance replay and the CLI are written against it. */
public final class StepfoldDecider implements ExecutionDecider {
  @Override
  public ExecutionState initialState() {
    return ExecutionState.NOT_STARTED;
  }

  @Override
  public Decision decide(ExecutionState execution, Command command, Instant now) {
    throw new UnsupportedOperationException("the engine is not built yet");
  }

  @Override
  public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
    throw new UnsupportedOperationException("the engine is not built yet");
  }
}
