package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.engine.evolve.Evolve;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import dev.stepfold.engine.nested.NestedStart;
import java.time.Instant;
import dev.stepfold.arn.ExecutionArn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects what one {@code decide} call produces. Appending an event applies it at once through {@link Evolve}, the
 * replay code path, so the next step of the same command sees it and the live state is always the fold of history.
 */
public final class DecisionBuilder {
  private final Instant now;
  private final ActivityDirectory activities;
  private final List<HistoryEvent> events = new ArrayList<>();
  private final List<Outbound> outbound = new ArrayList<>();
  private final ExecutionState initial;
  private final Optional<Trial> trial;
  private final NestedRedrive nestedRedrive;
  /** The {@code .sync} children that states re-entered by a redrive left unfinished, by scope, until their task is dispatched. */
  private final Map<ScopePath, ExecutionArn> childrenToRedrive = new HashMap<>();
  private ExecutionState execution;

  public DecisionBuilder(ExecutionState execution, Instant now, ActivityDirectory activities) {
    this(execution, now, activities, NestedRedrive.START_AGAIN);
  }

  public DecisionBuilder(ExecutionState execution, Instant now, ActivityDirectory activities, NestedRedrive nestedRedrive) {
    this(execution, now, activities, Optional.empty(), nestedRedrive);
  }

  /** A builder for the one turn of a state a {@link StateTest} runs. */
  DecisionBuilder(ExecutionState execution, Instant now, ActivityDirectory activities, Optional<Trial> trial) {
    this(execution, now, activities, trial, NestedRedrive.START_AGAIN);
  }

  private DecisionBuilder(ExecutionState execution, Instant now, ActivityDirectory activities, Optional<Trial> trial, NestedRedrive nestedRedrive) {
    this.initial = execution;
    this.execution = execution;
    this.now = now;
    this.activities = activities;
    this.trial = trial;
    this.nestedRedrive = nestedRedrive;
  }

  /** Appends an event of the execution itself (the root scope). */
  public HistoryEvent append(HistoryEventType type, long previousEventId, EventDetails details) {
    return append(ScopePath.ROOT, type, previousEventId, details);
  }

  public HistoryEvent append(ScopePath scope, HistoryEventType type, long previousEventId, EventDetails details) {
    var event = new HistoryEvent(execution.lastEventId() + 1, previousEventId, now, type, details, scope);
    events.add(event);
    execution = Evolve.evolve(execution, event);
    return event;
  }

  /** Appends an event that follows the last event of the root flow. */
  public HistoryEvent appendToFlow(HistoryEventType type, EventDetails details) {
    return appendToFlow(ScopePath.ROOT, type, details);
  }

  /** Appends an event that follows the last event of the scope's flow. */
  public HistoryEvent appendToFlow(ScopePath scope, HistoryEventType type, EventDetails details) {
    return append(scope, type, scope(scope).lastEventId(), details);
  }

  public Scope scope(ScopePath path) {
    return Scopes.get(execution, path);
  }

  public ActiveState active(ScopePath path) {
    return scope(path).active()
        .orElseThrow(() -> new IllegalStateException("Expected an active state in scope " + path + ", but there is none"));
  }

  /** The definition of the state active in the scope. */
  public AslState activeState(ScopePath path) {
    return Scopes.activeState(execution, path);
  }

  /**
   * A redrive enters the state of {@code scope} again, which left the {@code .sync} child {@code child} unfinished: with
   * {@link NestedRedrive#REDRIVE_CHILD}, the state's next task redrives that child rather than start a new one.
   */
  public void resumingChild(ScopePath scope, ExecutionArn child) {
    if (nestedRedrive == NestedRedrive.REDRIVE_CHILD) {
      childrenToRedrive.put(scope, child);
    }
  }

  /**
   * Dispatches a task of a state in {@code scope}; a task that calls StartExecution starts a child execution instead,
   * or redrives the child the state left unfinished ({@link #resumingChild}).
   */
  public void dispatch(ScopePath scope, TaskDispatch task) {
    var unfinished = Optional.ofNullable(childrenToRedrive.remove(scope));
    var child = NestedStart.of(task);
    if (child.isEmpty()) {
      outbound.add(new Outbound.Dispatch(task));
    } else if (unfinished.isPresent() && child.get() instanceof NestedStart.Start start && start.parent().pattern().isSync()) {
      outbound.add(new Outbound.RedriveChild(task, new Command.RedriveExecution(task.taskToken().value() + "#redrive-child", unfinished.get(),
          Optional.empty(), start.parent())));
    } else {
      outbound.add(new Outbound.StartChild(task, child.get()));
    }
  }

  public void startMapRun(MapRunDispatch mapRun) {
    mapRunWork(new MapRunWork.Start(mapRun));
  }

  public void mapRunWork(MapRunWork work) {
    outbound.add(new Outbound.ToMapRun(MapRunRequests.requestId(work), work));
  }

  /** Sends a message other than a task, a timer or map-run work: a report to a parent's task, a child's stop. */
  public void send(Outbound message) {
    outbound.add(message);
  }

  public void setTimer(TimerId timerId, Instant due) {
    outbound.add(new Outbound.Timer(new TimerChange.Set(timerId, due)));
  }

  public void cancelTimer(TimerId timerId) {
    outbound.add(new Outbound.Timer(new TimerChange.Cancel(timerId)));
  }

  public ExecutionState execution() {
    return execution;
  }

  public StateMachineDefinition definition() {
    return execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution, but it has not started"))
        .definition();
  }

  public ActivityDirectory activities() {
    return activities;
  }

  public Instant now() {
    return now;
  }

  /** The test this decision runs a state for; empty for every decision of an execution. */
  public Optional<Trial> trial() {
    return trial;
  }

  /** Accepts the command; when its events closed the execution, the request its start named hears how it ended. */
  public Decision accept(JsonNode data) {
    if (!initial.status().isClosed() && execution.status().isClosed()) {
      CloseReply.of(execution).ifPresent(close -> outbound.add(new Outbound.ReplyTo(close.requestId(), new Reply.Accepted(close.data()))));
    }
    return new Decision(events, new Reply.Accepted(data), execution, outbound);
  }
}
