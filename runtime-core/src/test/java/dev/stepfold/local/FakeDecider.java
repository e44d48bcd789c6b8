package dev.stepfold.local;

import dev.stepfold.asl.TaskResource;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.TimerChange;
import dev.stepfold.engine.TimerId;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stand-in engine for runner tests: StartExecution opens the given tasks at once, each with a time-out timer; the
 * execution succeeds when all succeeded (output: the outputs joined), fails on the first failure or time-out. It
 * records every command it sees, with the time it was decided at.
 */
final class FakeDecider implements ExecutionDecider {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<String> taskStates;
  private final long timeoutSeconds;
  final List<String> log = new ArrayList<>();
  private final Map<TaskToken, String> open = new LinkedHashMap<>();
  private final List<String> outputs = new ArrayList<>();
  private long lastEventId;

  /** @param timeoutSeconds the tasks' time-out; 0 sets no timer */
  FakeDecider(long timeoutSeconds, String... taskStates) {
    this.timeoutSeconds = timeoutSeconds;
    this.taskStates = List.of(taskStates);
  }

  @Override
  public ExecutionState initialState() {
    return ExecutionState.NOT_STARTED;
  }

  @Override
  public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
    throw new UnsupportedOperationException("not needed by the runner");
  }

  @Override
  public Decision decide(ExecutionState execution, Command command, Instant now) {
    log.add(command.getClass().getSimpleName() + "@" + now.getEpochSecond() + describe(command));
    if (command instanceof Command.StartExecution start) {
      if (start.input().equals("not json")) {
        return Decision.rejected(execution, ApiError.INVALID_EXECUTION_INPUT, "Invalid State Machine Execution Input: 'not json'");
      }
      var events = new ArrayList<HistoryEvent>();
      var tasks = new ArrayList<TaskDispatch>();
      var timers = new ArrayList<TimerChange>();
      events.add(event(now, HistoryEventType.EXECUTION_STARTED, EventDetails.None.INSTANCE));
      for (var state : taskStates) {
        var scheduled = event(now, HistoryEventType.TASK_SCHEDULED, EventDetails.None.INSTANCE);
        events.add(scheduled);
        var token = TaskToken.of(start.executionArn(), scheduled.id());
        open.put(token, state);
        tasks.add(new TaskDispatch(token, start.executionArn(), state, scheduled.id(),
            TaskResource.recognize("arn:aws:states:::lambda:invoke").orElseThrow(), NODES.objectNode(), OptionalLong.of(timeoutSeconds),
            OptionalLong.empty()));
        if (timeoutSeconds > 0) {
          timers.add(new TimerChange.Set(new TimerId(token.value()), now.plusSeconds(timeoutSeconds)));
        }
      }
      return new Decision(events, tasks, timers, new Reply.Accepted(NODES.objectNode()), running());
    }
    if (command instanceof Command.SendTaskSuccess success) {
      if (open.remove(success.taskToken()) == null) {
        return Decision.rejected(running(), ApiError.TASK_TIMED_OUT, "Task Timed Out");
      }
      outputs.add(success.output());
      var events = List.of(event(now, HistoryEventType.TASK_SUCCEEDED, EventDetails.None.INSTANCE));
      var cancel = List.<TimerChange>of(new TimerChange.Cancel(new TimerId(success.taskToken().value())));
      var next = open.isEmpty() ? closed(ExecutionStatus.SUCCEEDED, Optional.empty()) : running();
      return new Decision(events, List.of(), cancel, new Reply.Accepted(NODES.objectNode()), next);
    }
    if (command instanceof Command.SendTaskFailure failure) {
      open.remove(failure.taskToken());
      var error = new EventDetails.Failure(failure.error(), failure.cause());
      return new Decision(List.of(event(now, HistoryEventType.EXECUTION_FAILED, error)), List.of(), List.of(),
          new Reply.Accepted(NODES.objectNode()), closed(ExecutionStatus.FAILED, Optional.of(error)));
    }
    if (command instanceof Command.FireTimer timer) {
      open.remove(new TaskToken(timer.timerId().value()));
      var error = new EventDetails.Failure(Optional.of("States.Timeout"), Optional.empty());
      return new Decision(List.of(event(now, HistoryEventType.EXECUTION_FAILED, error)), List.of(), List.of(),
          new Reply.Accepted(NODES.objectNode()), closed(ExecutionStatus.FAILED, Optional.of(error)));
    }
    return new Decision(List.of(), List.of(), List.of(), new Reply.Accepted(NODES.objectNode()), running());
  }

  private static String describe(Command command) {
    if (command instanceof Command.ReportTaskStarted started) {
      return "(" + started.workerName().orElse("") + ")";
    }
    if (command instanceof Command.ReportTaskSubmitted submitted) {
      return "(" + submitted.output() + ")";
    }
    if (command instanceof Command.SendTaskSuccess success) {
      return "(" + success.output() + ")";
    }
    return "";
  }

  private HistoryEvent event(Instant now, HistoryEventType type, EventDetails details) {
    lastEventId++;
    return new HistoryEvent(lastEventId, lastEventId - 1, now, type, details);
  }

  private ExecutionState running() {
    return state(ExecutionStatus.RUNNING, Optional.empty(), Optional.empty());
  }

  private ExecutionState closed(ExecutionStatus status, Optional<EventDetails.Failure> error) {
    var output = status == ExecutionStatus.SUCCEEDED ? Optional.<com.fasterxml.jackson.databind.JsonNode>of(TextNode.valueOf(String.join(",", outputs)))
        : Optional.<com.fasterxml.jackson.databind.JsonNode>empty();
    return state(status, output, error);
  }

  private ExecutionState state(ExecutionStatus status, Optional<com.fasterxml.jackson.databind.JsonNode> output, Optional<EventDetails.Failure> error) {
    return new ExecutionState(status, Optional.empty(), Optional.empty(), lastEventId, Scope.EMPTY, output, error, Optional.empty());
  }
}
