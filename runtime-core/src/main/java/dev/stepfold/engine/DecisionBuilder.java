package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.engine.evolve.Evolve;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one {@code decide} call produces. Appending an event applies it at once through {@link Evolve}, the
 * replay code path, so the next step of the same command sees it and the live state is always the fold of history.
 */
public final class DecisionBuilder {
  private final Instant now;
  private final ActivityDirectory activities;
  private final List<HistoryEvent> events = new ArrayList<>();
  private final List<TaskDispatch> tasks = new ArrayList<>();
  private final List<TimerChange> timers = new ArrayList<>();
  private ExecutionState execution;

  public DecisionBuilder(ExecutionState execution, Instant now, ActivityDirectory activities) {
    this.execution = execution;
    this.now = now;
    this.activities = activities;
  }

  public HistoryEvent append(HistoryEventType type, long previousEventId, EventDetails details) {
    var event = new HistoryEvent(execution.lastEventId() + 1, previousEventId, now, type, details);
    events.add(event);
    execution = Evolve.evolve(execution, event);
    return event;
  }

  /** Appends an event that follows the last event of the root flow. */
  public HistoryEvent appendToFlow(HistoryEventType type, EventDetails details) {
    return append(type, execution.root().lastEventId(), details);
  }

  public void dispatch(TaskDispatch task) {
    tasks.add(task);
  }

  public void setTimer(TimerId timerId, Instant due) {
    timers.add(new TimerChange.Set(timerId, due));
  }

  public void cancelTimer(TimerId timerId) {
    timers.add(new TimerChange.Cancel(timerId));
  }

  public ExecutionState execution() {
    return execution;
  }

  public StateMachineDefinition definition() {
    return execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution, but it has not started"))
        .definition();
  }

  public ActiveState active() {
    return execution.root().active()
        .orElseThrow(() -> new IllegalStateException("Expected an active state, but " + execution.status() + " has none"));
  }

  public ActivityDirectory activities() {
    return activities;
  }

  public Instant now() {
    return now;
  }

  public Decision accept(JsonNode data) {
    return new Decision(events, tasks, timers, new Reply.Accepted(data), execution);
  }
}
