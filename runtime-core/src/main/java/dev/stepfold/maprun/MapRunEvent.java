package dev.stepfold.maprun;

import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What happens to a map run; its state is the fold of these. */
public sealed interface MapRunEvent {
  record Started(MapRunDispatch dispatch) implements MapRunEvent {
    public Started {
      Objects.requireNonNull(dispatch, "dispatch");
    }
  }

  /** A child starts, or is redriven (one that was PENDING_REDRIVE). */
  record ChildStarted(int index) implements MapRunEvent {}

  record ChildEnded(int index, ChildOutcome outcome) implements MapRunEvent {
    public ChildEnded {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** A STANDARD child refused its redrive (R46): it keeps its outcome for good. */
  record ChildRedriveRefused(int index, String reason) implements MapRunEvent {
    public ChildRedriveRefused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The parent redrove the map run (R42): its unsuccessful children wait to run again (PENDING_REDRIVE). */
  record Redriven(int redriveCount, Instant redriveDate) implements MapRunEvent {
    public Redriven {
      Objects.requireNonNull(redriveDate, "redriveDate");
    }
  }

  /** A redrive of the parent arrived while the map run was closing (Q23); it goes back to the parent when it has closed. */
  record ParentRedriveWaiting(Command.RedriveExecution redrive) implements MapRunEvent {
    public ParentRedriveWaiting {
      Objects.requireNonNull(redrive, "redrive");
    }
  }

  /**
   * UpdateMapRun changed the settings of the running map run (each empty to keep it); a MaxConcurrency of 0 is
   * {@link MapRunDispatch#MAX_CONCURRENCY}, as when the map run started.
   */
  record Updated(OptionalInt maxConcurrency, OptionalLong toleratedFailureCount, OptionalDouble toleratedFailurePercentage) implements MapRunEvent {
    public Updated {
      Objects.requireNonNull(maxConcurrency, "maxConcurrency");
      Objects.requireNonNull(toleratedFailureCount, "toleratedFailureCount");
      Objects.requireNonNull(toleratedFailurePercentage, "toleratedFailurePercentage");
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
