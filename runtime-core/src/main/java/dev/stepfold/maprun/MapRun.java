package dev.stepfold.maprun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * A map run: what it was asked to run, each child's status and result, how it ended, and its redrives. Changed only
 * by {@link #evolve}.
 *
 * @param children the status of each child, by item (or batch) index: PENDING before it starts
 * @param results each child's output, or its error output ({@code {"Error", "Cause"}}) when it did not succeed
 * @param nextChild where to look for the next child to start: none before it is PENDING or PENDING_REDRIVE
 * @param redriveCount how often the map run was redriven (R53)
 * @param redriveDate when it was last redriven (R53)
 * @param outcomeBeforeRedrive the status each PENDING_REDRIVE or redriven child had before the redrive
 * @param notRedrivable children whose own rules refused a redrive (R46); they are not tried again
 * @param parentRedrives redrives of the parent waiting for the map run to close (Q23): to end, and hear from every child it stopped
 */
public record MapRun(
    MapRunDispatch dispatch,
    MapRunStatus status,
    PVector<ChildStatus> children,
    PVector<JsonNode> results,
    MapRunCounts counts,
    int nextChild,
    Optional<String> error,
    Optional<String> cause,
    int redriveCount,
    Optional<Instant> redriveDate,
    PMap<Integer, ChildStatus> outcomeBeforeRedrive,
    PSet<Integer> notRedrivable,
    List<Command.RedriveExecution> parentRedrives) {

  public enum ChildStatus { PENDING, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE }

  public MapRun {
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(children, "children");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(outcomeBeforeRedrive, "outcomeBeforeRedrive");
    Objects.requireNonNull(notRedrivable, "notRedrivable");
    parentRedrives = List.copyOf(parentRedrives);
  }

  public static MapRun started(MapRunDispatch dispatch) {
    int size = dispatch.items().size();
    return new MapRun(dispatch, MapRunStatus.RUNNING, TreePVector.from(Collections.nCopies(size, ChildStatus.PENDING)),
        TreePVector.from(Collections.nCopies(size, (JsonNode) JsonNodeFactory.instance.nullNode())),
        new MapRunCounts(size, 0, 0, 0, 0, 0, size), 0, Optional.empty(), Optional.empty(), 0, Optional.empty(), HashTreePMap.empty(),
        HashTreePSet.empty(), List.of());
  }

  /**
   * The status ListExecutions (by map run) and DescribeExecution report for a child: its own, except that a child
   * waiting to be redriven is PENDING_REDRIVE (R49); empty for a child that has not started.
   */
  public Optional<ExecutionStatus> executionStatus(int index) {
    return switch (children.get(index)) {
      case PENDING -> Optional.empty();
      case RUNNING -> Optional.of(ExecutionStatus.RUNNING);
      case SUCCEEDED -> Optional.of(ExecutionStatus.SUCCEEDED);
      case FAILED -> Optional.of(ExecutionStatus.FAILED);
      case TIMED_OUT -> Optional.of(ExecutionStatus.TIMED_OUT);
      case ABORTED -> Optional.of(ExecutionStatus.ABORTED);
      case PENDING_REDRIVE -> Optional.of(ExecutionStatus.PENDING_REDRIVE);
    };
  }

  /**
   * Whether the map run has closed: it ended, and every child it stopped has reported back (R52). Only then does its
   * parent hear how it ended, and get back a redrive that waited for it (Q23).
   */
  public boolean closed() {
    return status != MapRunStatus.RUNNING && counts.running() == 0;
  }

  /** Whether a child would run again on a redrive: it did not succeed, and its own rules did not refuse (R45–R48). */
  public boolean rerunsOnRedrive(int index) {
    var child = children.get(index);
    return (child == ChildStatus.FAILED || child == ChildStatus.TIMED_OUT || child == ChildStatus.ABORTED) && !notRedrivable.contains(index);
  }

  public MapRun evolve(MapRunEvent event) {
    if (event instanceof MapRunEvent.Started started) {
      return started(started.dispatch());
    } else if (event instanceof MapRunEvent.ChildStarted childStarted) {
      int index = childStarted.index();
      return withChild(index, ChildStatus.RUNNING, results.get(index)).withNextChild(Math.max(nextChild, index + 1));
    } else if (event instanceof MapRunEvent.ChildEnded ended) {
      return withChild(ended.index(), childStatus(ended.outcome().status()), result(ended.outcome()))
          .withRedriveBookkeeping(outcomeBeforeRedrive.minus(ended.index()), notRedrivable).handedBackOnceClosed();
    } else if (event instanceof MapRunEvent.ChildRedriveRefused refused) {
      int index = refused.index();
      var refusedRun = withChild(index, outcomeBeforeRedrive.getOrDefault(index, ChildStatus.FAILED), results.get(index))
          .withRedriveBookkeeping(outcomeBeforeRedrive.minus(index), notRedrivable.plus(index));
      return refusedRun.withCounts(refusedRun.counts().withFailuresNotRedrivable(refusedRun.notRedrivable().size())).handedBackOnceClosed();
    } else if (event instanceof MapRunEvent.Redriven redriven) {
      var run = this;
      var before = outcomeBeforeRedrive;
      for (int i = 0; i < children.size(); i++) {
        if (rerunsOnRedrive(i)) {
          before = before.plus(i, children.get(i));
          run = run.withChild(i, ChildStatus.PENDING_REDRIVE, results.get(i));
        }
      }
      return new MapRun(dispatch, MapRunStatus.RUNNING, run.children, run.results, run.counts, 0, Optional.empty(), Optional.empty(),
          redriven.redriveCount(), Optional.of(redriven.redriveDate()), before, notRedrivable, parentRedrives);
    } else if (event instanceof MapRunEvent.Updated updated) {
      return new MapRun(dispatch.updated(updated.maxConcurrency(), updated.toleratedFailureCount(), updated.toleratedFailurePercentage()),
          status, children, results, counts, nextChild, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive, notRedrivable, parentRedrives);
    } else if (event instanceof MapRunEvent.ParentRedriveWaiting waiting) {
      var waitingRedrives = new ArrayList<>(parentRedrives);
      waitingRedrives.add(waiting.redrive());
      return new MapRun(dispatch, status, children, results, counts, nextChild, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive,
          notRedrivable, waitingRedrives);
    }
    var ended = (MapRunEvent.Ended) event;
    // R49: when the map run ends, children still waiting to be redriven keep their outcome; pendingRedrive is 0 again.
    // Children still running keep what they were before a redrive, for a refusal of their redrive to go back to (R46).
    var run = this;
    var before = outcomeBeforeRedrive;
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i) == ChildStatus.PENDING_REDRIVE) {
        run = run.withChild(i, outcomeBeforeRedrive.getOrDefault(i, ChildStatus.FAILED), results.get(i));
      }
      if (children.get(i) != ChildStatus.RUNNING) {
        before = before.minus(i);
      }
    }
    return new MapRun(dispatch, ended.status(), run.children, run.results, run.counts, nextChild, ended.error(), ended.cause(), redriveCount,
        redriveDate, before, notRedrivable, parentRedrives).handedBackOnceClosed();
  }

  /** The redrives of the parent that waited for the map run go back to the parent once it has closed (Q23). */
  private MapRun handedBackOnceClosed() {
    if (!closed() || parentRedrives.isEmpty()) {
      return this;
    }
    return new MapRun(dispatch, status, children, results, counts, nextChild, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive,
        notRedrivable, List.of());
  }

  private MapRun withChild(int index, ChildStatus status, JsonNode result) {
    return new MapRun(dispatch, this.status, children.with(index, status), results.with(index, result), counts.moved(children.get(index), status),
        nextChild, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive, notRedrivable, parentRedrives);
  }

  private MapRun withNextChild(int next) {
    return new MapRun(dispatch, status, children, results, counts, next, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive,
        notRedrivable, parentRedrives);
  }

  private MapRun withCounts(MapRunCounts newCounts) {
    return new MapRun(dispatch, status, children, results, newCounts, nextChild, error, cause, redriveCount, redriveDate, outcomeBeforeRedrive,
        notRedrivable, parentRedrives);
  }

  private MapRun withRedriveBookkeeping(PMap<Integer, ChildStatus> before, PSet<Integer> refused) {
    return new MapRun(dispatch, status, children, results, counts, nextChild, error, cause, redriveCount, redriveDate, before, refused,
        parentRedrives);
  }

  private static ChildStatus childStatus(ExecutionStatus status) {
    return switch (status) {
      case SUCCEEDED -> ChildStatus.SUCCEEDED;
      case FAILED -> ChildStatus.FAILED;
      case TIMED_OUT -> ChildStatus.TIMED_OUT;
      case ABORTED -> ChildStatus.ABORTED;
      case NOT_STARTED, RUNNING, PENDING_REDRIVE -> throw new IllegalStateException("Expected a closed status, but got " + status);
    };
  }

  private static JsonNode result(ChildOutcome outcome) {
    if (outcome.status() == ExecutionStatus.SUCCEEDED) {
      return outcome.output().orElse(JsonNodeFactory.instance.nullNode());
    }
    var errorOutput = JsonNodeFactory.instance.objectNode();
    errorOutput.put("Error", outcome.error().orElse(null));
    errorOutput.put("Cause", outcome.cause().orElse(null));
    return errorOutput;
  }
}
