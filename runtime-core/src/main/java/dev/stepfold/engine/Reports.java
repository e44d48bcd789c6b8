package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Origin.MapRunChild;
import dev.stepfold.engine.Origin.ParentTask;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.engine.nested.ParentReports;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the other entities of a decision hear of it, from the command's origin and the execution's own:
 * <ul>
 *   <li>a parent's task hears that its child started, or that its start was refused, and ({@code .sync}) how it closed;
 *       so does the task of a parent's redrive that redrives its child ({@link NestedRedrive#REDRIVE_CHILD});
 *   <li>a map run hears how its child ended (or that its start was refused), and that a child refused its redrive;
 *   <li>the child of a {@code .sync} task that ended without the child's answer (the parent stopped, timed out or failed
 *       elsewhere, the task timed out) is stopped, as AWS stops the job of a {@code .sync} task.
 * </ul>
 */
public final class Reports {
  private static final Set<HistoryEventType> CLOSING = EnumSet.of(HistoryEventType.EXECUTION_SUCCEEDED, HistoryEventType.EXECUTION_FAILED,
      HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);

  private Reports() {}

  /** The messages {@code decision} sends besides its own, given the execution {@code before} the command. */
  static List<Outbound> of(ExecutionState before, Command command, Decision decision) {
    var messages = new ArrayList<Outbound>();
    if (decision.reply() instanceof Reply.Rejected rejected) {
      refused(before, command, rejected, messages);
      return messages;
    }
    var after = decision.execution();
    var executionArn = command.executionArn();
    if (command instanceof Command.StartExecution && command.origin() instanceof ParentTask parent) {
      messages.add(new Outbound.ToParentTask(ParentReports.started(parent, executionArn, after.startDate().orElseThrow(),
          executionArn.value() + "#started")));
    }
    if (command instanceof Command.RedriveExecution && command.origin() instanceof ParentTask parent && !decision.events().isEmpty()) {
      messages.add(new Outbound.ToParentTask(ParentReports.started(parent, executionArn, after.startDate().orElseThrow(),
          executionArn.value() + "#redriven#" + after.redrives().count())));
    }
    if (decision.events().isEmpty()) {
      return messages;
    }
    var startedBy = Origin.of(after.started().orElseThrow().startedBy());
    boolean closedNow = CLOSING.contains(decision.events().get(decision.events().size() - 1).type());
    if (startedBy instanceof ParentTask parent && parent.pattern().isSync() && closedNow) {
      var child = ExecutionSummary.of(after);
      messages.add(new Outbound.ToParentTask(ParentReports.closed(parent, child, executionArn.value() + "#closed#" + after.lastEventId())));
    }
    if (startedBy instanceof MapRunChild child && closedNow) {
      var outcome = new ChildOutcome(after.status(), after.output(), after.error(), after.cause());
      messages.add(new Outbound.ToMapRun(ended(executionArn, after), new MapRunWork.ChildEnded(child.mapRunArn(), child.index(), outcome)));
    }
    var waiting = syncChildren(before);
    waiting.keySet().removeAll(syncChildren(after).keySet());
    answered(command).ifPresent(waiting::remove);
    waiting.forEach((token, child) -> messages.add(new Outbound.ToChildExecution(
        new Command.StopExecution(token.value() + "#stop-child", child, Optional.empty(), Optional.empty()))));
    return messages;
  }

  private static void refused(ExecutionState before, Command command, Reply.Rejected rejected, List<Outbound> messages) {
    var origin = command.origin();
    if (command instanceof Command.StartExecution) {
      // a child that already runs is not the map run's to fail
      if (!(origin instanceof MapRunChild) || before.status() == ExecutionStatus.NOT_STARTED) {
        messages.addAll(ofRefusedStart(origin, command.requestId(), command.executionArn(), rejected));
      }
    } else if (command instanceof Command.RedriveExecution && origin instanceof MapRunChild child) {
      messages.add(new Outbound.ToMapRun(command.requestId() + "#refused",
          new MapRunWork.ChildRedriveRefused(child.mapRunArn(), child.index(), rejected.message())));
    } else if (command instanceof Command.RedriveExecution && origin instanceof ParentTask parent) {
      // the parent's redrive asked to redrive this child, which cannot be: the parent's task fails with the refusal
      messages.add(new Outbound.ToParentTask(ParentReports.refused(parent, rejected.error().awsName(), rejected.message(),
          command.requestId() + "#refused")));
    }
  }

  /**
   * What the sender of a start hears when it is refused, by the engine or before it (a state machine that does not
   * exist, a definition that is not valid): a parent's task fails with the refusal, a map run's child ended failed.
   */
  public static List<Outbound> ofRefusedStart(Origin origin, String requestId, ExecutionArn executionArn, Reply.Rejected rejected) {
    if (origin instanceof ParentTask parent) {
      return List.of(new Outbound.ToParentTask(ParentReports.refused(parent, rejected.error().awsName(), rejected.message(), requestId)));
    }
    if (origin instanceof MapRunChild child) {
      return List.of(new Outbound.ToMapRun(executionArn.value() + "#ended#0",
          new MapRunWork.ChildEnded(child.mapRunArn(), child.index(), ChildOutcome.failed(rejected.error().awsName(), rejected.message()))));
    }
    return List.of();
  }

  private static String ended(ExecutionArn child, ExecutionState execution) {
    return child.value() + "#ended#" + execution.lastEventId();
  }

  /**
   * The children of the execution's {@code .sync} StartExecution tasks in flight, by task token: none once it closed,
   * none in a scope that ended (a closed execution and an ended branch keep their last active state as it was).
   */
  private static Map<TaskToken, ExecutionArn> syncChildren(ExecutionState execution) {
    var children = new LinkedHashMap<TaskToken, ExecutionArn>();
    if (execution.started().isEmpty() || execution.status().isClosed()) {
      return children;
    }
    var executionArn = execution.started().get().executionArn();
    var waiting = Scopes.all(execution, (path, active) -> active.task().flatMap(TaskInFlight::syncChild).isPresent()
        && Scopes.get(execution, path).status() == Scope.ScopeStatus.RUNNING);
    for (var path : waiting) {
      var task = Scopes.get(execution, path).active().flatMap(ActiveState::task).orElseThrow();
      children.put(TaskToken.of(executionArn, task.scheduledEventId()), task.syncChild().orElseThrow());
    }
    return children;
  }

  private static Optional<TaskToken> answered(Command command) {
    if (command instanceof Command.SendTaskSuccess success) {
      return Optional.of(success.taskToken());
    } else if (command instanceof Command.SendTaskFailure failure) {
      return Optional.of(failure.taskToken());
    }
    return Optional.empty();
  }
}
