package dev.stepfold.maprun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunDispatch;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * A map run: what it was asked to run, each child's status and result, and how it ended. Changed only by
 * {@link #evolve}.
 *
 * @param children the status of each child, by item (or batch) index: PENDING before it starts
 * @param results each child's output, or its error output ({@code {"Error", "Cause"}}) when it did not succeed
 * @param nextChild the first child not started yet
 */
public record MapRun(
    MapRunDispatch dispatch,
    MapRunStatus status,
    PVector<ChildStatus> children,
    PVector<JsonNode> results,
    MapRunCounts counts,
    int nextChild,
    Optional<String> error,
    Optional<String> cause) {

  public enum ChildStatus { PENDING, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

  public MapRun {
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(children, "children");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
  }

  public static MapRun started(MapRunDispatch dispatch) {
    int size = dispatch.items().size();
    return new MapRun(dispatch, MapRunStatus.RUNNING, TreePVector.from(Collections.nCopies(size, ChildStatus.PENDING)),
        TreePVector.from(Collections.nCopies(size, (JsonNode) JsonNodeFactory.instance.nullNode())),
        new MapRunCounts(size, 0, 0, 0, 0, 0, size), 0, Optional.empty(), Optional.empty());
  }

  public MapRun evolve(MapRunEvent event) {
    if (event instanceof MapRunEvent.Started started) {
      return started(started.dispatch());
    } else if (event instanceof MapRunEvent.ChildStarted childStarted) {
      var c = counts;
      return new MapRun(dispatch, status, children.with(childStarted.index(), ChildStatus.RUNNING), results,
          new MapRunCounts(c.pending() - 1, c.running() + 1, c.succeeded(), c.failed(), c.timedOut(), c.aborted(), c.total()),
          Math.max(nextChild, childStarted.index() + 1), error, cause);
    } else if (event instanceof MapRunEvent.ChildEnded ended) {
      var childStatus = childStatus(ended.outcome().status());
      var c = counts;
      var endedCounts = new MapRunCounts(c.pending(), c.running() - 1,
          c.succeeded() + (childStatus == ChildStatus.SUCCEEDED ? 1 : 0), c.failed() + (childStatus == ChildStatus.FAILED ? 1 : 0),
          c.timedOut() + (childStatus == ChildStatus.TIMED_OUT ? 1 : 0), c.aborted() + (childStatus == ChildStatus.ABORTED ? 1 : 0), c.total());
      return new MapRun(dispatch, status, children.with(ended.index(), childStatus), results.with(ended.index(), result(ended.outcome())),
          endedCounts, nextChild, error, cause);
    }
    var ended = (MapRunEvent.Ended) event;
    return new MapRun(dispatch, ended.status(), children, results, counts, nextChild, ended.error(), ended.cause());
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
