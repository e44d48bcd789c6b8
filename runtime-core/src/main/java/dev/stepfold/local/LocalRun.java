package dev.stepfold.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Reply;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.arn.MapRunArn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a local run.
 *
 * @param events the execution's history, in order
 * @param execution the final fold of the history
 * @param rejection the engine's answer when it refused to start the execution (then there are no events)
 * @param stuck why the run stopped while the execution was still open: nothing was left to answer or fire
 * @param notes commands the engine rejected during the run (for example an answer to a task that had timed out)
 * @param mapRuns the map runs of its Distributed Maps, by map run ARN, kept so that a redrive can redrive them
 * @param end the virtual time at which the run stopped
 */
public record LocalRun(
    List<HistoryEvent> events, ExecutionState execution, Optional<Reply.Rejected> rejection, Optional<String> stuck, List<String> notes,
    Map<MapRunArn, LocalMapRun> mapRuns, Instant end) {
  public LocalRun {
    events = List.copyOf(events);
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(stuck, "stuck");
    notes = List.copyOf(notes);
    mapRuns = Map.copyOf(mapRuns);
    Objects.requireNonNull(end, "end");
  }

  public ExecutionStatus status() {
    return execution.status();
  }

  public Optional<JsonNode> output() {
    return execution.output();
  }

  public Optional<String> error() {
    return execution.error();
  }

  public Optional<String> cause() {
    return execution.cause();
  }
}
