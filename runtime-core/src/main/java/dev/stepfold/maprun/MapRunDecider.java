package dev.stepfold.maprun;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Distributed Map's map run: starts one child execution per item, never more than MaxConcurrency at a time, and
 * ends when every child has ended (SUCCEEDED, with the children's results in item order) or as soon as more children
 * failed than the tolerated failure count or percentage allow (FAILED with {@code States.ExceedToleratedFailureThreshold},
 * stopping the children still running). Without a tolerated failure setting, one failure is too many. A map run that
 * ended with children still running has not closed yet (R52): it tells its parent how it ended only once the last of
 * them has reported back, so that a redrive of the parent, which waits for it to close (Q23), finds every child's
 * outcome and reruns the stopped ones.
 *
 * <p>A redrive of its parent redrives it (R42): the children that failed, timed out or were aborted run again — a
 * STANDARD child is redriven and continues where it stopped (R45), an EXPRESS child starts again (R47) — and the ones
 * that succeeded keep their result (R48). Those beyond MaxConcurrency wait as PENDING_REDRIVE (R49). The tolerated
 * failure threshold is judged over the whole map run (Q17, Q24).
 */
public final class MapRunDecider {
  static final String THRESHOLD_EXCEEDED_CAUSE = "The specified tolerated failure threshold for the Map Run was exceeded.";
  /** AWS's {@code ValidationExceptionReason} for an UpdateMapRun of a map run that has ended. */
  public static final String CANNOT_UPDATE_COMPLETED_MAP_RUN = "CANNOT_UPDATE_COMPLETED_MAP_RUN";

  public MapRunDecision start(MapRunDispatch dispatch) {
    var decision = new Builder(MapRun.started(dispatch));
    decision.append(new MapRunEvent.Started(dispatch));
    decision.startChildren();
    decision.endIfDone();
    return decision.build();
  }

  /**
   * A child ended; a report for a child that is not running (a repeat) changes nothing. A child the map run stopped
   * when it ended reports back too: its outcome is recorded, for a later redrive to rerun it, and the last of them
   * closes the map run (R52).
   */
  public MapRunDecision childEnded(MapRun mapRun, int index, ChildOutcome outcome) {
    var decision = new Builder(mapRun);
    if (mapRun.children().get(index) != MapRun.ChildStatus.RUNNING) {
      return decision.build();
    }
    decision.appendReport(new MapRunEvent.ChildEnded(index, outcome));
    return decision.build();
  }

  /**
   * A STANDARD child answered its redrive with ExecutionNotRedrivable (R46): its outcome is final and counts as a
   * failure. A child refusing the redrive of a map run that ended meanwhile has reported back all the same.
   */
  public MapRunDecision childRedriveRefused(MapRun mapRun, int index, String reason) {
    var decision = new Builder(mapRun);
    if (mapRun.children().get(index) != MapRun.ChildStatus.RUNNING) {
      return decision.build();
    }
    decision.appendReport(new MapRunEvent.ChildRedriveRefused(index, reason));
    return decision.build();
  }

  /**
   * The parent redrove the map run (R42); a running map run, or a repeated redrive, changes nothing. The parent redrives
   * it only once it heard that the map run closed.
   */
  public MapRunDecision redrive(MapRun mapRun, MapRunWork.Redrive redrive, Instant now) {
    var decision = new Builder(mapRun);
    if (mapRun.status() == MapRunStatus.RUNNING || redrive.redriveCount() <= mapRun.redriveCount()) {
      return decision.build();
    }
    decision.append(new MapRunEvent.Redriven(redrive.redriveCount(), now));
    decision.startChildren();
    decision.endIfDone();
    return decision.build();
  }

  /**
   * The parent closed or its Map was aborted (R52): the running children are stopped and the map run ends ABORTED,
   * closing when they have reported back. A map run that had already closed tells the parent again how it ended, as
   * the parent may have closed before it heard; one still closing tells it when it has closed.
   */
  public MapRunDecision abort(MapRun mapRun) {
    var decision = new Builder(mapRun);
    if (mapRun.status() == MapRunStatus.RUNNING) {
      decision.stopChildren(Optional.empty(), Optional.empty());
      decision.end(MapRunStatus.ABORTED, Optional.empty(), Optional.empty());
    } else if (mapRun.closed()) {
      decision.completion = Optional.of(completion(mapRun));
    }
    return decision.build();
  }

  /**
   * UpdateMapRun: a running map run takes its new MaxConcurrency and tolerated failures at once — it starts the children
   * a higher concurrency allows, and fails if the failures so far exceed the new tolerance. A map run that has ended is
   * not updated ({@code ValidationException}, reason {@code CANNOT_UPDATE_COMPLETED_MAP_RUN}).
   */
  public MapRunDecision update(MapRun mapRun, MapRunEvent.Updated update) {
    var decision = new Builder(mapRun);
    if (mapRun.status() != MapRunStatus.RUNNING) {
      decision.reply = Optional.of(new Reply.Rejected(ApiError.VALIDATION_EXCEPTION, "Map Run " + mapRun.dispatch().mapRunArn()
          + " has already completed and cannot be updated", Optional.of(CANNOT_UPDATE_COMPLETED_MAP_RUN)));
      return decision.build();
    }
    decision.append(update);
    decision.judge();
    decision.reply = Optional.of(new Reply.Accepted(JsonNodeFactory.instance.objectNode()));
    return decision.build();
  }

  /** The command that tells the parent how the map run ended: its children's results when it succeeded. */
  private static Command.CompleteMapRun completion(MapRun mapRun) {
    var dispatch = mapRun.dispatch();
    boolean succeeded = mapRun.status() == MapRunStatus.SUCCEEDED;
    var results = JsonNodeFactory.instance.arrayNode();
    if (succeeded) {
      mapRun.results().forEach(results::add);
    }
    return new Command.CompleteMapRun(dispatch.mapRunArn().value() + "#completed-" + mapRun.redriveCount(), dispatch.parentExecutionArn(),
        dispatch.mapRunArn(), succeeded, results, mapRun.error(), mapRun.cause());
  }

  /**
   * A redrive of the parent waits until the map run has closed (Q23): ended, and heard from every child it stopped
   * (R52). A closed map run hands it back at once.
   */
  public MapRunDecision redriveParentWhenClosed(MapRun mapRun, Command.RedriveExecution redrive) {
    var decision = new Builder(mapRun);
    if (!mapRun.closed()) {
      decision.append(new MapRunEvent.ParentRedriveWaiting(redrive));
    } else {
      decision.parentRedrives.add(redrive);
    }
    return decision.build();
  }

  /** The child execution that runs item {@code index}, and the index an execution ARN stands for. */
  public static ExecutionArn childArn(MapRunDispatch dispatch, int index) {
    return dispatch.mapRunArn().child(index, dispatch.childExecutionType() == ExecutionType.EXPRESS);
  }

  /** The StartExecution of a child: its item as input, the item processor as definition. */
  public static Command.StartExecution childStart(MapRunDispatch dispatch, int index, String requestId) {
    return new Command.StartExecution(requestId, childArn(dispatch, index), dispatch.mapRunArn().childStateMachine(),
        dispatch.childExecutionType(), dispatch.childDefinition(), dispatch.items().get(index).toString(), dispatch.roleArn());
  }

  private static final class Builder {
    private final List<MapRunEvent> events = new ArrayList<>();
    private final List<MapRunDecision.ChildStart> starts = new ArrayList<>();
    private final List<MapRunDecision.ChildRedrive> redrives = new ArrayList<>();
    private final List<Command.StopExecution> stops = new ArrayList<>();
    private final List<Command.RedriveExecution> parentRedrives = new ArrayList<>();
    private Optional<Command.CompleteMapRun> completion = Optional.empty();
    private Optional<Reply> reply = Optional.empty();
    private MapRun mapRun;

    Builder(MapRun mapRun) {
      this.mapRun = mapRun;
    }

    void append(MapRunEvent event) {
      events.add(event);
      mapRun = mapRun.evolve(event);
    }

    /**
     * A child reported how it ended (or that it refused its redrive): a running map run judges the failures and goes
     * on; one that ended closes with its last running child.
     */
    void appendReport(MapRunEvent report) {
      var waiting = mapRun.parentRedrives();
      append(report);
      if (mapRun.status() == MapRunStatus.RUNNING) {
        judge();
      } else {
        tellParentOnceClosed(waiting);
      }
    }

    void judge() {
      if (thresholdExceeded()) {
        stopChildren(Optional.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD), Optional.of(THRESHOLD_EXCEEDED_CAUSE));
        end(MapRunStatus.FAILED, Optional.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD), Optional.of(THRESHOLD_EXCEEDED_CAUSE));
      } else {
        startChildren();
        endIfDone();
      }
    }

    /** Starts PENDING children and reruns PENDING_REDRIVE ones, in item order, up to MaxConcurrency running. */
    void startChildren() {
      var dispatch = mapRun.dispatch();
      int index = mapRun.nextChild();
      while (index < dispatch.items().size() && mapRun.counts().running() < dispatch.maxConcurrency()) {
        var child = mapRun.children().get(index);
        if (child == MapRun.ChildStatus.PENDING || child == MapRun.ChildStatus.PENDING_REDRIVE) {
          append(new MapRunEvent.ChildStarted(index));
          if (child == MapRun.ChildStatus.PENDING_REDRIVE && dispatch.childExecutionType() == ExecutionType.STANDARD) {
            redrives.add(new MapRunDecision.ChildRedrive(index, new Command.RedriveExecution(
                dispatch.mapRunArn().value() + "#redrive-" + mapRun.redriveCount() + "#" + index, childArn(dispatch, index),
                Optional.of("map-run-redrive-" + mapRun.redriveCount()), new Origin.MapRunChild(dispatch.mapRunArn(), index, mapRun.redriveCount()))));
          } else {
            starts.add(new MapRunDecision.ChildStart(index, childStart(dispatch, index, dispatch.mapRunArn().value() + "#" + index
                + (mapRun.redriveCount() > 0 ? "#redrive-" + mapRun.redriveCount() : "")).from(new Origin.MapRunChild(dispatch.mapRunArn(), index,
                mapRun.redriveCount()))));
          }
        }
        index++;
      }
    }

    boolean thresholdExceeded() {
      var counts = mapRun.counts();
      var dispatch = mapRun.dispatch();
      // Q17, Q24: after a redrive the threshold is judged over the whole map run, every item with its latest outcome, the
      // children that could not be redriven counted as failed (R46); a breach fails it again.
      long failures = counts.failures();
      if (dispatch.toleratedFailureCount().isEmpty() && dispatch.toleratedFailurePercentage().isEmpty()) {
        return failures > 0;
      }
      boolean overCount = dispatch.toleratedFailureCount().isPresent() && failures > dispatch.toleratedFailureCount().getAsLong();
      boolean overPercentage = dispatch.toleratedFailurePercentage().isPresent() && counts.total() > 0
          && failures * 100.0 / counts.total() > dispatch.toleratedFailurePercentage().getAsDouble();
      return overCount || overPercentage;
    }

    void stopChildren(Optional<String> error, Optional<String> cause) {
      var dispatch = mapRun.dispatch();
      for (int i = 0; i < mapRun.children().size(); i++) {
        if (mapRun.children().get(i) == MapRun.ChildStatus.RUNNING) {
          stops.add(new Command.StopExecution(dispatch.mapRunArn().value() + "#stop#" + i, childArn(dispatch, i), error, cause));
        }
      }
    }

    void endIfDone() {
      var counts = mapRun.counts();
      if (mapRun.status() == MapRunStatus.RUNNING && counts.pending() == 0 && counts.running() == 0 && counts.pendingRedrive() == 0) {
        if (thresholdExceeded()) {
          end(MapRunStatus.FAILED, Optional.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD), Optional.of(THRESHOLD_EXCEEDED_CAUSE));
        } else {
          end(MapRunStatus.SUCCEEDED, Optional.empty(), Optional.empty());
        }
      }
    }

    void end(MapRunStatus status, Optional<String> error, Optional<String> cause) {
      var waiting = mapRun.parentRedrives();
      append(new MapRunEvent.Ended(status, error, cause));
      tellParentOnceClosed(waiting);
    }

    /**
     * Once the map run has closed — ended, with no child running any more — the parent hears how it ended and gets
     * back the redrives that waited for it (Q23). Until then a redrive of the parent cannot redrive children that are
     * still running, whose late reports would otherwise count as new failures.
     */
    void tellParentOnceClosed(List<Command.RedriveExecution> waiting) {
      if (mapRun.closed()) {
        completion = Optional.of(completion(mapRun));
        parentRedrives.addAll(waiting);
      }
    }

    MapRunDecision build() {
      return new MapRunDecision(events, mapRun, starts, redrives, stops, completion, parentRedrives, reply);
    }
  }
}
