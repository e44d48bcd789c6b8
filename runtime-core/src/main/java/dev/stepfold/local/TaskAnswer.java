package dev.stepfold.local;

import java.util.Objects;
import java.util.Optional;

/**
 * How a dispatched task is answered in a local run. The final answers are {@link Succeed}, {@link Fail} and
 * {@link NoAnswer}; {@link Started} (an activity worker took the task) and {@link Submitted} (the initial call of a
 * {@code .sync} or {@code .waitForTaskToken} integration returned) come before another answer.
 */
public sealed interface TaskAnswer {

  /** The task returns {@code output}, JSON text. */
  record Succeed(String output) implements TaskAnswer {
    public Succeed {
      Objects.requireNonNull(output, "output");
    }
  }

  /** The task fails with {@code error} and {@code cause}, each optional as in {@code SendTaskFailure}. */
  record Fail(Optional<String> error, Optional<String> cause) implements TaskAnswer {
    public Fail {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** Nobody answers: the engine's own time-outs decide. {@code reason} says why, for a run that gets stuck. */
  record NoAnswer(String reason) implements TaskAnswer {
    public NoAnswer {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** An activity worker took the task ({@code ActivityStarted}), then {@code then}. */
  record Started(Optional<String> workerName, TaskAnswer then) implements TaskAnswer {
    public Started {
      Objects.requireNonNull(workerName, "workerName");
      Objects.requireNonNull(then, "then");
    }
  }

  /** The initial call returned {@code output} ({@code TaskSubmitted}), then {@code then}. */
  record Submitted(String output, TaskAnswer then) implements TaskAnswer {
    public Submitted {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(then, "then");
    }
  }

  static TaskAnswer succeed(String output) {
    return new Succeed(output);
  }

  static TaskAnswer fail(String error, String cause) {
    return new Fail(Optional.ofNullable(error), Optional.ofNullable(cause));
  }

  static TaskAnswer noAnswer(String reason) {
    return new NoAnswer(reason);
  }
}
