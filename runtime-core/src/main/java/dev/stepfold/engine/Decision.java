package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code decide} returns: the events to append, the tasks to dispatch, the timers to set or cancel, the map-run
 * work (start, redrive, stop a map run), the reply, and the state after the events ({@code evolve} folded over them, so the caller need not fold
 * again). A decision that closes an execution a StartSyncExecution waits on also answers that request ({@link CloseReply}).
 */
public record Decision(
    List<HistoryEvent> events, List<TaskDispatch> tasks, List<TimerChange> timers, List<MapRunWork> mapRuns, Reply reply,
    ExecutionState execution, Optional<CloseReply> closeReply) {
  public Decision {
    events = List.copyOf(events);
    tasks = List.copyOf(tasks);
    timers = List.copyOf(timers);
    mapRuns = List.copyOf(mapRuns);
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(closeReply, "closeReply");
  }

  public Decision(
      List<HistoryEvent> events, List<TaskDispatch> tasks, List<TimerChange> timers, List<MapRunWork> mapRuns, Reply reply,
      ExecutionState execution) {
    this(events, tasks, timers, mapRuns, reply, execution, Optional.empty());
  }

  public Decision(List<HistoryEvent> events, List<TaskDispatch> tasks, List<TimerChange> timers, Reply reply, ExecutionState execution) {
    this(events, tasks, timers, List.of(), reply, execution);
  }

  /** Accepted with nothing to append: a repeated StartExecution, a timer whose fact is gone. */
  public static Decision unchanged(ExecutionState execution, JsonNode data) {
    return new Decision(List.of(), List.of(), List.of(), new Reply.Accepted(data), execution);
  }

  public static Decision rejected(ExecutionState execution, ApiError error, String message) {
    return new Decision(List.of(), List.of(), List.of(), new Reply.Rejected(error, message), execution);
  }

  /** The map runs the decision starts. */
  public List<MapRunDispatch> mapRunStarts() {
    return mapRuns.stream().filter(MapRunWork.Start.class::isInstance).map(work -> ((MapRunWork.Start) work).dispatch()).toList();
  }

  public boolean isRejected() {
    return reply instanceof Reply.Rejected;
  }
}
