package dev.stepfold.local;

import dev.stepfold.engine.TaskDispatch;

/**
 * Plays the services and workers in a local run: answers each task the engine dispatches, in dispatch order. An
 * implementation may keep state (how often a state was called, which recorded outcomes were used).
 */
@FunctionalInterface
public interface TaskAnswers {
  TaskAnswer answer(TaskDispatch task);

  /** Answers no task: every task waits for its time-out, or the run gets stuck. */
  static TaskAnswers none(String reason) {
    return task -> TaskAnswer.noAnswer(reason);
  }
}
