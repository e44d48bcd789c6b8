package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import java.util.Objects;

/**
 * The map-run work a decision asks for, which the map run's coordinator ({@code MapRunDecider}, driven by the local
 * runner or the Kafka processor) carries out: start a map run, redrive an existing one, stop one whose parent closed,
 * hand a redrive of the parent back once the map run has closed; and what a child execution tells its map run: how it
 * ended, or that it refused the map run's redrive.
 */
public sealed interface MapRunWork {
  MapRunArn mapRunArn();

  /** A Distributed Map started a new map run (its first attempt, a Retry, or a redrive that cannot reuse the old one: R43, R44). */
  record Start(MapRunDispatch dispatch) implements MapRunWork {
    public Start {
      Objects.requireNonNull(dispatch, "dispatch");
    }

    @Override
    public MapRunArn mapRunArn() {
      return dispatch.mapRunArn();
    }
  }

  /**
   * The parent was redriven: the same map run runs again its children that did not succeed (R42, R45–R49);
   * {@code redriveCount} counts this redrive (R57).
   */
  record Redrive(MapRunArn mapRunArn, ExecutionArn parentExecutionArn, int redriveCount) implements MapRunWork {
    public Redrive {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(parentExecutionArn, "parentExecutionArn");
    }
  }

  /** The parent closed (stopped, timed out, or the Map was aborted) while the map run ran: it stops its children (R52). */
  record Abort(MapRunArn mapRunArn, ExecutionArn parentExecutionArn) implements MapRunWork {
    public Abort {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(parentExecutionArn, "parentExecutionArn");
    }
  }

  /**
   * A redrive of the parent arrived while the map run was still closing (R52, Q23): the map run sends it back to the
   * parent once it has closed, and the redrive starts then.
   */
  record RedriveParentWhenClosed(MapRunArn mapRunArn, Command.RedriveExecution redrive) implements MapRunWork {
    public RedriveParentWhenClosed {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(redrive, "redrive");
    }
  }

  /** A child execution of the map run closed (or its start was refused), as {@code outcome} says. */
  record ChildEnded(MapRunArn mapRunArn, int index, ChildOutcome outcome) implements MapRunWork {
    public ChildEnded {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** A STANDARD child refused the map run's redrive (R46), for {@code reason}. */
  record ChildRedriveRefused(MapRunArn mapRunArn, int index, String reason) implements MapRunWork {
    public ChildRedriveRefused {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
