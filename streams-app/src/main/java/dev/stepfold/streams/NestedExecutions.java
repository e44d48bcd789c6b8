package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.nested.NestedPattern;
import dev.stepfold.nested.NestedStart;
import dev.stepfold.nested.ParentReports;
import dev.stepfold.nested.ParentTask;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Nested executions on Kafka: the runtime's own runner for Task states that call StartExecution
 * ({@code arn:aws:states:::states:startExecution}, {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}), carried
 * out in the execution processor's task, in the transaction of the command that caused it.
 * <ul>
 *   <li>On the parent's task: a decision that dispatches such a task starts the child as a StartExecution command on the
 *       child's own key (completed from the state machine store like any start by ARN), instead of writing the task to
 *       {@code stepfold.tasks}. A call that cannot start anything (no or an invalid ARN, an invalid name) fails the task
 *       at once. For {@code .sync} the {@code nested-children} store remembers the child of the task (token → child ARN);
 *       when the task ends without the child's answer (the parent stopped, timed out or failed elsewhere, the task timed
 *       out) the child is stopped, as AWS stops the job of a {@code .sync} task.
 *   <li>On the child's task: once its start is decided, the child reports it (request-response: the task's result;
 *       otherwise {@code TaskSubmitted}) or its refusal (the task fails with {@code StepFunctions.<error>Exception}); a
 *       {@code .sync} child remembers its parent's task ({@code nested-parents}: child ARN → parent task) and reports how
 *       it ended when a decision closes it. {@code .waitForTaskToken} leaves the answer to whoever holds the token.
 * </ul>
 * Everything goes to the parent through the commands topic, keyed by the parent's ARN. The outputs and errors are built
 * by {@link ParentReports}.
 */
final class NestedExecutions {
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, String> parents;
  private final KeyValueStore<String, String> children;
  private final ExecutionStore executions;
  private final AvroCodec codec;

  NestedExecutions(ProcessorContext<String, Object> context, ExecutionStore executions, AvroCodec codec) {
    this.context = context;
    this.parents = context.getStateStore(NestedExecutionNodes.NESTED_PARENTS_STORE);
    this.children = context.getStateStore(NestedExecutionNodes.NESTED_CHILDREN_STORE);
    this.executions = executions;
    this.codec = codec;
  }

  /** Starts the children the decision's StartExecution tasks ask for; returns the tasks left for runners and workers. */
  List<TaskDispatch> startChildren(List<TaskDispatch> tasks, long timestamp) {
    List<TaskDispatch> others = null;
    for (int i = 0; i < tasks.size(); i++) {
      var task = tasks.get(i);
      var nested = NestedStart.of(task);
      if (nested.isEmpty()) {
        if (others != null) {
          others.add(task);
        }
        continue;
      }
      if (others == null) {
        others = new ArrayList<>(tasks.subList(0, i));
      }
      if (nested.get() instanceof NestedStart.Start start) {
        startChild(start, timestamp);
      } else {
        var refused = (NestedStart.Refused) nested.get();
        var requestId = task.taskToken().value() + "#refused";
        send(ParentReports.refused(refused.parent(), refused.error().awsName(), refused.message(), requestId), timestamp);
      }
    }
    return others == null ? tasks : others;
  }

  private void startChild(NestedStart.Start start, long timestamp) {
    var parent = start.parent();
    var command = StartExecutionCommand.newBuilder()
        .setStateMachineArn(start.stateMachineArn())
        .setExecutionType(null)
        .setDefinition(null)
        .setInput(start.input())
        .setRoleArn(null)
        // the Avro record of the runtime-core ParentTask, which has the same simple name
        .setParentTask(new dev.stepfold.schemas.ParentTask(parent.executionArn().value(), parent.taskToken().value(), parent.pattern().resource()))
        .build();
    if (parent.pattern().waitsForChild()) {
      children.put(parent.taskToken().value(), start.executionArn().value());
    }
    send(new CommandRecord(parent.taskToken().value() + "#start", start.executionArn().value(), command), timestamp);
  }

  /**
   * After a child's StartExecution was decided ({@code reply}): reports the start or its refusal to the parent's task,
   * and for {@code .sync} remembers the parent — reporting at once a child that closed in its first decision.
   */
  void startDecided(CommandRecord avro, Reply reply, long timestamp) {
    var parent = parentOf(avro);
    if (parent.isEmpty()) {
      return;
    }
    if (reply instanceof Reply.Rejected rejected) {
      startRefused(avro, rejected.error().awsName(), rejected.message(), timestamp);
      return;
    }
    var childArn = new ExecutionArn(avro.getExecutionArn());
    var child = executions.load(childArn);
    send(ParentReports.started(parent.get(), childArn, child.startDate().orElseThrow(), childArn.value() + "#started"), timestamp);
    if (!parent.get().pattern().waitsForChild()) {
      return;
    }
    if (child.status().isClosed()) {
      reportClosed(parent.get(), child, timestamp);
    } else {
      parents.put(childArn.value(), encode(parent.get()));
    }
  }

  /** A child's StartExecution was refused before the engine saw it, with the API error named {@code error}. */
  void startRefused(CommandRecord avro, String error, String message, long timestamp) {
    parentOf(avro).ifPresent(parent -> send(ParentReports.refused(parent, error, message, avro.getRequestId()), timestamp));
  }

  /**
   * After any decision: a {@code .sync} child that closed reports to its parent's task; a parent whose {@code .sync} task
   * ended without the child's answer stops the child.
   */
  void afterDecision(ExecutionState before, Command command, Decision decision, long timestamp) {
    if (decision.events().isEmpty()) {
      return;
    }
    var after = decision.execution();
    var executionArn = command.executionArn().value();
    if (!before.status().isClosed() && after.status().isClosed()) {
      var link = parents.get(executionArn);
      if (link != null) {
        parents.delete(executionArn);
        reportClosed(decode(link), after, timestamp);
      }
    }
    var waiting = waitingTasks(before);
    if (waiting.isEmpty()) {
      return;
    }
    waiting.removeAll(waitingTasks(after));
    var answered = answeredToken(command);
    for (var token : waiting) {
      var child = children.get(token);
      if (child == null) {
        continue;
      }
      children.delete(token);
      if (!answered.filter(token::equals).isPresent()) {
        send(new Command.StopExecution(token + "#stop-child", new ExecutionArn(child), Optional.empty(), Optional.empty()), timestamp);
      }
    }
  }

  private void reportClosed(ParentTask parent, ExecutionState child, long timestamp) {
    var summary = ExecutionSummary.of(child);
    send(ParentReports.closed(parent, summary, summary.executionArn().value() + "#closed#" + child.lastEventId()), timestamp);
  }

  /**
   * The tokens of the execution's {@code .sync} StartExecution tasks in flight: none once it closed, none in a scope that
   * ended (a closed execution and an ended branch keep their last active state as it was).
   */
  private static Set<String> waitingTasks(ExecutionState execution) {
    var tokens = new HashSet<String>();
    var started = execution.started();
    if (started.isEmpty() || execution.status().isClosed()) {
      return tokens;
    }
    Scopes.all(execution, (path, active) -> active.task()
        .filter(task -> Scopes.get(execution, path).status() == Scope.ScopeStatus.RUNNING)
        .filter(task -> NestedPattern.of(task.resourceType(), task.resource()).filter(NestedPattern::waitsForChild).isPresent())
        .map(task -> tokens.add(TaskToken.of(started.get().executionArn(), task.scheduledEventId()).value()))
        .isPresent());
    return tokens;
  }

  private static Optional<String> answeredToken(Command command) {
    if (command instanceof Command.SendTaskSuccess success) {
      return Optional.of(success.taskToken().value());
    } else if (command instanceof Command.SendTaskFailure failure) {
      return Optional.of(failure.taskToken().value());
    }
    return Optional.empty();
  }

  private static Optional<ParentTask> parentOf(CommandRecord avro) {
    if (avro.getCommand() instanceof StartExecutionCommand start && start.getParentTask() != null) {
      var parent = start.getParentTask();
      return Optional.of(new ParentTask(new ExecutionArn(parent.getExecutionArn()), new TaskToken(parent.getTaskToken()),
          NestedPattern.ofResource(parent.getResource())));
    }
    return Optional.empty();
  }

  /** {@code <resource> <token> <parent ARN>}: none of them holds a space. */
  private static String encode(ParentTask parent) {
    return parent.pattern().resource() + " " + parent.taskToken().value() + " " + parent.executionArn().value();
  }

  private static ParentTask decode(String link) {
    var parts = link.split(" ", 3);
    return new ParentTask(new ExecutionArn(parts[2]), new TaskToken(parts[1]), NestedPattern.ofResource(parts[0]));
  }

  private void send(Command command, long timestamp) {
    send(codec.avro(command), timestamp);
  }

  private void send(CommandRecord command, long timestamp) {
    context.forward(new Record<String, Object>(command.getExecutionArn(), command, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }
}
