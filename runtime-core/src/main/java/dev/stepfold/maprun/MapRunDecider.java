package dev.stepfold.maprun;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.error.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Distributed Map's map run: starts one child execution per item, never more than MaxConcurrency at a time, and
 * ends when every child has ended (SUCCEEDED, with the children's results in item order) or as soon as more children
 * failed than the tolerated failure count or percentage allow (FAILED with {@code States.ExceedToleratedFailureThreshold},
 * stopping the children still running). Without a tolerated failure setting, one failure is too many.
 */
public final class MapRunDecider {
  static final String THRESHOLD_EXCEEDED_CAUSE = "The specified tolerated failure threshold for the Map Run was exceeded.";

  public MapRunDecision start(MapRunDispatch dispatch) {
    var decision = new Builder(MapRun.started(dispatch));
    decision.append(new MapRunEvent.Started(dispatch));
    decision.startChildren();
    decision.endIfDone();
    return decision.build();
  }

  /** A child ended; a report for a child that is not running (a repeat, or one the map run stopped) changes nothing. */
  public MapRunDecision childEnded(MapRun mapRun, int index, ChildOutcome outcome) {
    var decision = new Builder(mapRun);
    if (mapRun.status() != MapRunStatus.RUNNING || mapRun.children().get(index) != MapRun.ChildStatus.RUNNING) {
      return decision.build();
    }
    decision.append(new MapRunEvent.ChildEnded(index, outcome));
    if (decision.thresholdExceeded()) {
      decision.failAndStopChildren();
    } else {
      decision.startChildren();
      decision.endIfDone();
    }
    return decision.build();
  }

  /** The child execution that runs item {@code index}, and the index an execution ARN stands for. */
  public static ExecutionArn childArn(MapRunDispatch dispatch, int index) {
    return dispatch.mapRunArn().child(index, dispatch.childExecutionType() == ExecutionType.EXPRESS);
  }

  private static final class Builder {
    private final List<MapRunEvent> events = new ArrayList<>();
    private final List<MapRunDecision.ChildStart> starts = new ArrayList<>();
    private final List<Command.StopExecution> stops = new ArrayList<>();
    private Optional<Command.CompleteMapRun> completion = Optional.empty();
    private MapRun mapRun;

    Builder(MapRun mapRun) {
      this.mapRun = mapRun;
    }

    void append(MapRunEvent event) {
      events.add(event);
      mapRun = mapRun.evolve(event);
    }

    void startChildren() {
      var dispatch = mapRun.dispatch();
      while (mapRun.nextChild() < dispatch.items().size() && mapRun.counts().running() < dispatch.maxConcurrency()) {
        int index = mapRun.nextChild();
        append(new MapRunEvent.ChildStarted(index));
        starts.add(new MapRunDecision.ChildStart(index, new Command.StartExecution(dispatch.mapRunArn().value() + "#" + index,
            childArn(dispatch, index), dispatch.mapRunArn().childStateMachine(), dispatch.childExecutionType(), dispatch.childDefinition(),
            dispatch.items().get(index).toString(), dispatch.roleArn())));
      }
    }

    boolean thresholdExceeded() {
      var counts = mapRun.counts();
      var dispatch = mapRun.dispatch();
      long failures = counts.failures();
      if (dispatch.toleratedFailureCount().isEmpty() && dispatch.toleratedFailurePercentage().isEmpty()) {
        return failures > 0;
      }
      boolean overCount = dispatch.toleratedFailureCount().isPresent() && failures > dispatch.toleratedFailureCount().getAsLong();
      boolean overPercentage = dispatch.toleratedFailurePercentage().isPresent() && counts.total() > 0
          && failures * 100.0 / counts.total() > dispatch.toleratedFailurePercentage().getAsDouble();
      return overCount || overPercentage;
    }

    void failAndStopChildren() {
      var dispatch = mapRun.dispatch();
      for (int i = 0; i < mapRun.children().size(); i++) {
        if (mapRun.children().get(i) == MapRun.ChildStatus.RUNNING) {
          stops.add(new Command.StopExecution(dispatch.mapRunArn().value() + "#stop#" + i, childArn(dispatch, i),
              Optional.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD), Optional.of(THRESHOLD_EXCEEDED_CAUSE)));
        }
      }
      end(MapRunStatus.FAILED, Optional.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD), Optional.of(THRESHOLD_EXCEEDED_CAUSE));
    }

    void endIfDone() {
      var counts = mapRun.counts();
      if (mapRun.status() == MapRunStatus.RUNNING && counts.pending() == 0 && counts.running() == 0) {
        end(MapRunStatus.SUCCEEDED, Optional.empty(), Optional.empty());
      }
    }

    private void end(MapRunStatus status, Optional<String> error, Optional<String> cause) {
      append(new MapRunEvent.Ended(status, error, cause));
      var dispatch = mapRun.dispatch();
      var results = JsonNodeFactory.instance.arrayNode();
      if (status == MapRunStatus.SUCCEEDED) {
        mapRun.results().forEach(results::add);
      }
      completion = Optional.of(new Command.CompleteMapRun(dispatch.mapRunArn().value() + "#completed", dispatch.parentExecutionArn(),
          dispatch.mapRunArn(), status == MapRunStatus.SUCCEEDED, results, error, cause));
    }

    MapRunDecision build() {
      return new MapRunDecision(events, mapRun, starts, stops, completion);
    }
  }
}
