package dev.stepfold.maprun;

import dev.stepfold.engine.MapRunDispatch;
import java.util.Objects;
import java.util.Optional;

/** What happens to a map run; its state is the fold of these. */
public sealed interface MapRunEvent {
  record Started(MapRunDispatch dispatch) implements MapRunEvent {
    public Started {
      Objects.requireNonNull(dispatch, "dispatch");
    }
  }

  record ChildStarted(int index) implements MapRunEvent {}

  record ChildEnded(int index, ChildOutcome outcome) implements MapRunEvent {
    public ChildEnded {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** The map run ended; a failed one gives the error and cause its Map state fails with. */
  record Ended(MapRunStatus status, Optional<String> error, Optional<String> cause) implements MapRunEvent {
    public Ended {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }
}
