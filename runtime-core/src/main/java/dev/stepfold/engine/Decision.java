package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code decide} returns: the events to append, the reply to the command, the state after the events
 * ({@code evolve} folded over them, so the caller need not fold again), and everything else that follows from the
 * command as {@link Outbound} messages, in order: children to start or stop, reports to a parent's task, map-run work,
 * tasks to dispatch, timers to set or cancel, and replies other requests wait on. The host carries the messages out
 * and infers nothing of its own.
 *
 * @param restarted the events start the execution afresh under its ARN (an EXPRESS child of a map run that runs again
 *     after a redrive, R47): the host forgets what it held of the execution before appending them
 */
public record Decision(List<HistoryEvent> events, Reply reply, ExecutionState execution, List<Outbound> outbound, boolean restarted) {
  public Decision {
    events = List.copyOf(events);
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(execution, "execution");
    outbound = List.copyOf(outbound);
  }

  public Decision(List<HistoryEvent> events, Reply reply, ExecutionState execution, List<Outbound> outbound) {
    this(events, reply, execution, outbound, false);
  }

  /** A decision whose only messages are tasks and timers. */
  public Decision(List<HistoryEvent> events, List<TaskDispatch> tasks, List<TimerChange> timers, Reply reply, ExecutionState execution) {
    this(events, reply, execution, messages(tasks, timers));
  }

  private static List<Outbound> messages(List<TaskDispatch> tasks, List<TimerChange> timers) {
    var messages = new ArrayList<Outbound>();
    tasks.forEach(task -> messages.add(new Outbound.Dispatch(task)));
    timers.forEach(timer -> messages.add(new Outbound.Timer(timer)));
    return messages;
  }

  /** Accepted with nothing to append: a repeated StartExecution, a timer whose fact is gone. */
  public static Decision unchanged(ExecutionState execution, JsonNode data) {
    return new Decision(List.of(), new Reply.Accepted(data), execution, List.of());
  }

  public static Decision rejected(ExecutionState execution, ApiError error, String message) {
    return new Decision(List.of(), new Reply.Rejected(error, message), execution, List.of());
  }

  /** The decision with {@code messages} sent after its own. */
  public Decision sending(List<Outbound> messages) {
    if (messages.isEmpty()) {
      return this;
    }
    var all = new ArrayList<>(outbound);
    all.addAll(messages);
    return new Decision(events, reply, execution, all, restarted);
  }

  /** The tasks for runners and workers. */
  public List<TaskDispatch> tasks() {
    return outbound.stream().filter(Outbound.Dispatch.class::isInstance).map(message -> ((Outbound.Dispatch) message).task()).toList();
  }

  /** The timers set or cancelled. */
  public List<TimerChange> timers() {
    return outbound.stream().filter(Outbound.Timer.class::isInstance).map(message -> ((Outbound.Timer) message).change()).toList();
  }

  /** The work for map runs (start, redrive, abort, a redrive of the parent to hand back, a child's end). */
  public List<MapRunWork> mapRuns() {
    return outbound.stream().filter(Outbound.ToMapRun.class::isInstance).map(message -> ((Outbound.ToMapRun) message).work()).toList();
  }

  /** The map runs the decision starts. */
  public List<MapRunDispatch> mapRunStarts() {
    return mapRuns().stream().filter(MapRunWork.Start.class::isInstance).map(work -> ((MapRunWork.Start) work).dispatch()).toList();
  }

  /** The children the decision starts through StartExecution tasks. */
  public List<Outbound.StartChild> childStarts() {
    return outbound.stream().filter(Outbound.StartChild.class::isInstance).map(Outbound.StartChild.class::cast).toList();
  }

  /** The reply a StartSyncExecution waits on, when the decision closed its execution. */
  public Optional<CloseReply> closeReply() {
    return outbound.stream().filter(Outbound.ReplyTo.class::isInstance).map(Outbound.ReplyTo.class::cast)
        .map(reply -> new CloseReply(reply.requestId(), ((Reply.Accepted) reply.reply()).data())).findFirst();
  }

  public boolean isRejected() {
    return reply instanceof Reply.Rejected;
  }
}
