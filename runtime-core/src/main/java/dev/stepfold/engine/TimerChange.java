package dev.stepfold.engine;

import java.time.Instant;
import java.util.Objects;

/** A timer to set (or move) or to cancel. When one is due, the runtime sends a {@link Command.FireTimer}. */
public sealed interface TimerChange {
  TimerId timerId();

  record Set(TimerId timerId, Instant due) implements TimerChange {
    public Set {
      Objects.requireNonNull(timerId, "timerId");
      Objects.requireNonNull(due, "due");
    }
  }

  record Cancel(TimerId timerId) implements TimerChange {
    public Cancel {
      Objects.requireNonNull(timerId, "timerId");
    }
  }
}
