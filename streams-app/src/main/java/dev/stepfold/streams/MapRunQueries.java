package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read side of map runs, as the API calls it: DescribeMapRun from the store of the instance that owns the map run's
 * key; ListMapRuns from the parent execution's history (the map runs it started, and when each last ended); the
 * stored summaries of a map run's children from the instances that own them, for ListExecutions by map run.
 */
public final class MapRunQueries {
  private static final int HISTORY_PAGE = 1000;
  /** How long a map run not found yet is looked for again: its start is on its way to its task. */
  static final Duration START_GRACE = Duration.ofSeconds(2);
  private static final Duration LOOK_AGAIN = Duration.ofMillis(50);

  private final ReadRouting routing;
  private final ExecutionQueries executions;

  MapRunQueries(ReadRouting routing, ExecutionQueries executions) {
    this.routing = routing;
    this.executions = executions;
  }

  /** One map run a parent execution started: its labelled state machine, and when it started and last stopped. */
  public record Started(String executionArn, String mapRunArn, String stateMachineArn, Instant startDate, Optional<Instant> stopDate) {
    public Started {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(startDate, "startDate");
      Objects.requireNonNull(stopDate, "stopDate");
    }
  }

  /**
   * The map run. One its parent has just started is there as soon as its own task has taken the start (the parent's
   * MapRunStarted and the map run's start commit together, the map run's start is processed a moment later): a map run
   * not found is looked for again for {@link #START_GRACE} before it is {@code ResourceNotFound}.
   */
  public MapRunDescription describeMapRun(String mapRunArn) {
    var arn = mapRunArn(mapRunArn);
    long deadline = System.nanoTime() + START_GRACE.toNanos();
    while (true) {
      try {
        return executions.retrying("Map run " + mapRunArn, () -> routing.ownerOf(arn.value()).describeMapRun(arn));
      } catch (ReadFailure e) {
        if (!e.errorType().equals(ApiError.RESOURCE_NOT_FOUND.awsName()) || System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(LOOK_AGAIN.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ReadFailure(ReadFailure.SERVICE_UNAVAILABLE, "The read of a map run was interrupted");
    }
  }

  /**
   * The map runs the execution started, in the order it started them, from its history: a map run's MapRunStarted, and
   * the MapRunSucceeded, MapRunFailed or MapRunAborted of the same scope that ended it (a redrive opens it again).
   */
  public List<Started> mapRunsOf(String executionArn) {
    var started = new LinkedHashMap<String, Started>();
    var openInScope = new HashMap<ScopePath, String>();
    Optional<String> token = Optional.empty();
    do {
      var page = executions.getExecutionHistory(executionArn, HISTORY_PAGE, token, false);
      for (var event : page.events()) {
        if (event.details() instanceof EventDetails.MapRunStarted run) {
          var mapRunArn = new MapRunArn(run.mapRunArn());
          started.put(run.mapRunArn(), new Started(executionArn, run.mapRunArn(), mapRunArn.childStateMachine().value(), event.timestamp(),
              Optional.empty()));
          openInScope.put(event.scope(), run.mapRunArn());
        } else if (event.details() instanceof EventDetails.MapRunRedriven redriven && started.containsKey(redriven.mapRunArn())) {
          var known = started.get(redriven.mapRunArn());
          started.put(redriven.mapRunArn(), new Started(known.executionArn(), known.mapRunArn(), known.stateMachineArn(), known.startDate(),
              Optional.empty()));
          openInScope.put(event.scope(), redriven.mapRunArn());
        } else if (ends(event.type()) && openInScope.containsKey(event.scope())) {
          var known = started.get(openInScope.remove(event.scope()));
          started.put(known.mapRunArn(), new Started(known.executionArn(), known.mapRunArn(), known.stateMachineArn(), known.startDate(),
              Optional.of(event.timestamp())));
        }
      }
      token = page.nextToken();
    } while (token.isPresent());
    return new ArrayList<>(started.values());
  }

  /** The stored summaries of these executions, in the order given; one that has not started yet is left out. */
  public List<ExecutionSummary> summaries(List<ExecutionArn> executionArns) {
    var found = executions.retrying("The children of a map run", () -> {
      var byArn = new HashMap<ExecutionArn, ExecutionSummary>();
      for (Map.Entry<InstanceReads, List<ExecutionArn>> owner : routing.owners(executionArns).entrySet()) {
        owner.getKey().summaries(new InstanceReads.SummariesRequest(owner.getValue())).summaries()
            .forEach(summary -> byArn.put(summary.executionArn(), summary));
      }
      return byArn;
    });
    return executionArns.stream().filter(found::containsKey).map(found::get).toList();
  }

  private static boolean ends(HistoryEventType type) {
    return type == HistoryEventType.MAP_RUN_SUCCEEDED || type == HistoryEventType.MAP_RUN_FAILED || type == HistoryEventType.MAP_RUN_ABORTED;
  }

  private static MapRunArn mapRunArn(String value) {
    try {
      return new MapRunArn(value);
    } catch (IllegalArgumentException e) {
      throw ReadFailure.of(ApiError.INVALID_ARN, "Invalid Arn: '" + value + "'");
    }
  }
}
