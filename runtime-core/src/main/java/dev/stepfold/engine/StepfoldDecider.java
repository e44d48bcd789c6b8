package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ResourceNames;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.Command.FireTimer;
import dev.stepfold.engine.Command.ReportTaskStarted;
import dev.stepfold.engine.Command.ReportTaskSubmitted;
import dev.stepfold.engine.Command.SendTaskFailure;
import dev.stepfold.engine.Command.SendTaskHeartbeat;
import dev.stepfold.engine.Command.SendTaskSuccess;
import dev.stepfold.engine.Command.StartExecution;
import dev.stepfold.engine.Command.StopExecution;
import dev.stepfold.engine.behavior.DistributedMapBehavior;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.engine.behavior.Redrive;
import dev.stepfold.engine.behavior.StateFlow;
import dev.stepfold.engine.behavior.TaskBehavior;
import dev.stepfold.engine.behavior.TaskTimeOuts;
import dev.stepfold.engine.behavior.WaitBehavior;
import dev.stepfold.engine.evolve.Evolve;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.history.ScopePath;
import dev.stepfold.history.StartedBy;
import java.time.Instant;
import java.util.Optional;

/** The engine: validates each command against the folded execution, then appends what follows from it. */
public final class StepfoldDecider implements ExecutionDecider {
  private final ActivityDirectory activities;
  private final StateMachineDirectory stateMachines;
  private final NestedRedrive nestedRedrive;

  /** An engine for which every activity exists and no state machine is being deleted. */
  public StepfoldDecider() {
    this(ActivityDirectory.ANY);
  }

  public StepfoldDecider(ActivityDirectory activities) {
    this(activities, StateMachineDirectory.NONE_DELETING);
  }

  public StepfoldDecider(ActivityDirectory activities, StateMachineDirectory stateMachines) {
    this(activities, stateMachines, NestedRedrive.START_AGAIN);
  }

  /** {@code nestedRedrive}: whether a parent's redrive starts its failed {@code .sync} children again or redrives them. */
  public StepfoldDecider(ActivityDirectory activities, StateMachineDirectory stateMachines, NestedRedrive nestedRedrive) {
    this.activities = activities;
    this.stateMachines = stateMachines;
    this.nestedRedrive = nestedRedrive;
  }

  /** The state machines it asks whether one is being deleted. */
  public StateMachineDirectory stateMachines() {
    return stateMachines;
  }

  @Override
  public ExecutionState initialState() {
    return ExecutionState.NOT_STARTED;
  }

  @Override
  public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
    return Evolve.evolve(execution, event);
  }

  /** Decides the command, and adds what the other entities it concerns hear of it ({@link Reports}). */
  @Override
  public Decision decide(ExecutionState execution, Command command, Instant now) {
    return decide(execution, command, now, now);
  }

  @Override
  public Decision decide(ExecutionState execution, Command command, Instant writtenAt, Instant now) {
    var decision = decideCommand(execution, command, writtenAt, now);
    return decision.sending(Reports.of(decision.restarted() ? initialState() : execution, command, decision));
  }

  private Decision decideCommand(ExecutionState execution, Command command, Instant writtenAt, Instant now) {
    if (command instanceof StartExecution start) {
      if (runsAfresh(execution, start)) {
        var fresh = start(initialState(), start, now);
        return new Decision(fresh.events(), fresh.reply(), fresh.execution(), fresh.outbound(), true);
      }
      return start(execution, start, now);
    }
    if (execution.status() == ExecutionStatus.NOT_STARTED) {
      return Decision.rejected(execution, ApiError.EXECUTION_DOES_NOT_EXIST, "Execution Does Not Exist: '" + command.executionArn() + "'");
    }
    if (command instanceof StopExecution stop) {
      return stop(execution, stop, now);
    }
    if (command instanceof FireTimer fire) {
      return fire(execution, fire, now);
    }
    if (command instanceof Command.CompleteMapRun completion) {
      return completeMapRun(execution, completion, now);
    }
    if (command instanceof Command.RedriveExecution redrive) {
      return redrive(execution, redrive, now);
    }
    return taskCommand(execution, command, writtenAt, now);
  }

  /**
   * {@code TestState}: runs one state of a definition once, through the same behaviors an execution's states run in
   * ({@link StateTestRun}), and says how its turn ended. A pure computation: nothing is stored or dispatched.
   */
  public StateTestResult test(StateTest test, Instant now) {
    return StateTestRun.run(test, now);
  }

  /**
   * R47: a map run that was redriven starts its EXPRESS children again under their ARNs; a child that closed runs
   * afresh, its earlier run replaced.
   */
  private static boolean runsAfresh(ExecutionState execution, StartExecution start) {
    return start.origin() instanceof Origin.MapRunChild child && child.redriveCount() > 0 && start.executionType() == ExecutionType.EXPRESS
        && execution.status().isClosed();
  }

  private Decision start(ExecutionState execution, StartExecution start, Instant now) {
    if (execution.status() != ExecutionStatus.NOT_STARTED) {
      var sameStart = execution.started().map(started -> Json.parse(start.input()).equals(Optional.of(started.input()))).orElse(false);
      if (sameStart && execution.status() == ExecutionStatus.RUNNING) {
        return Decision.unchanged(execution, startReply(start, execution.startDate().orElseThrow()));
      }
      return Decision.rejected(execution, ApiError.EXECUTION_ALREADY_EXISTS, "Execution Already Exists: '" + start.executionArn() + "'");
    }
    if (start.origin() instanceof Origin.Client && !ResourceNames.isValid(start.executionArn().name())) {
      // A client names its execution (StartExecution's name); a parent's name was checked when it asked, a map run's are made
      return Decision.rejected(execution, ApiError.INVALID_NAME, "Invalid Name: '" + start.executionArn().name() + "'");
    }
    var input = Json.parse(start.input());
    if (input.isEmpty()) {
      return Decision.rejected(execution, ApiError.INVALID_EXECUTION_INPUT,
          "Invalid State Machine Execution Input: 'the input is not valid JSON'");
    }
    if (Json.exceedsPayloadLimit(start.input()) && Json.exceedsPayloadLimit(input.get())) {
      return Decision.rejected(execution, ApiError.INVALID_EXECUTION_INPUT, Json.INPUT_TOO_LARGE);
    }
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    var started = new EventDetails.ExecutionStarted(input.get(), start.roleArn(), start.stateMachineAliasArn(), start.stateMachineVersionArn(),
        start.executionArn(), start.stateMachineArn(), start.executionType(), start.definition(), start.closeRequestId(),
        start.origin().startedBy());
    out.append(HistoryEventType.EXECUTION_STARTED, 0, started);
    Timers.executionTimeout(started).ifPresent(timeout -> out.setTimer(Timers.EXECUTION_TIMEOUT, now.plus(timeout)));
    StateFlow.run(out, ScopePath.ROOT, start.definition().graph().startAt(), input.get());
    return out.accept(startReply(start, now));
  }

  private static JsonNode startReply(StartExecution start, Instant startDate) {
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("executionArn", start.executionArn().value());
    reply.put("startDate", epochSeconds(startDate));
    return reply;
  }

  private Decision stop(ExecutionState execution, StopExecution stop, Instant now) {
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    if (execution.status() == ExecutionStatus.RUNNING) {
      // AWS writes ExecutionAborted with no predecessor, whatever the execution was doing.
      out.append(HistoryEventType.EXECUTION_ABORTED, 0, new EventDetails.Failure(stop.error(), stop.cause()));
      if (Timers.executionTimeout(execution.started().orElseThrow()).isPresent()) {
        out.cancelTimer(Timers.EXECUTION_TIMEOUT);
      }
      DistributedMapBehavior.abortMapRuns(out);
    }
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("stopDate", epochSeconds(out.execution().stopDate().orElse(now)));
    return out.accept(reply);
  }

  private Decision fire(ExecutionState execution, FireTimer fire, Instant now) {
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    var purpose = Timers.purpose(fire.timerId());
    if (execution.status() != ExecutionStatus.RUNNING || purpose.isEmpty()) {
      return out.accept(JsonNodeFactory.instance.objectNode());
    }
    var timer = purpose.get();
    if (timer instanceof Timers.Purpose.ExecutionTimeout) {
      out.appendToFlow(HistoryEventType.EXECUTION_TIMED_OUT, EventDetails.Failure.EMPTY);
      DistributedMapBehavior.abortMapRuns(out);
    } else if (timer instanceof Timers.Purpose.WaitElapsed wait) {
      Scopes.find(execution, active -> active.enteredEventId() == wait.enteredEventId())
          .filter(scope -> out.activeState(scope) instanceof WaitState)
          .ifPresent(scope -> WaitBehavior.elapsedAndContinue(out, scope, (WaitState) out.activeState(scope)));
    } else if (timer instanceof Timers.Purpose.TaskTimeout timeout) {
      TaskTimeOuts.timeoutDue(out, timeout.scheduledEventId());
    } else if (timer instanceof Timers.Purpose.HeartbeatTimeout heartbeat) {
      TaskTimeOuts.heartbeatMissed(out, heartbeat.scheduledEventId());
    } else if (timer instanceof Timers.Purpose.RetryDue retry) {
      Scopes.find(execution, active -> active.enteredEventId() == retry.enteredEventId()
              && retry.retryNumber() == active.retryCount() + 1 && active.task().isEmpty())
          .ifPresent(scope -> StateFlow.retryDue(out, scope, out.activeState(scope), retry.error(), retry.flowPoint()));
    }
    return out.accept(JsonNodeFactory.instance.objectNode());
  }

  private Decision redrive(ExecutionState execution, Command.RedriveExecution redrive, Instant now) {
    if (redrive.executionArn().value().split(":")[5].equals("express")) {
      // Q13: RedriveExecution on an express: execution ARN is refused as AWS refuses it on the other operations.
      return Decision.rejected(execution, ApiError.INVALID_ARN, "Invalid Arn: 'Resource type not valid in this context: express'");
    }
    var replayed = redrive.clientToken().flatMap(token -> execution.redrives().recentTokens().stream()
        .filter(use -> use.clientToken().equals(token) && !now.isAfter(use.redriveDate().plus(Redrives.TOKEN_WINDOW)))
        .findFirst());
    if (replayed.isPresent()) {
      return Decision.unchanged(execution, redriveReply(replayed.get().redriveDate()));
    }
    var notRedrivable = RedriveEligibility.notRedrivableReason(execution, now, stateMachines);
    if (notRedrivable.isPresent()) {
      return Decision.rejected(execution, ApiError.EXECUTION_NOT_REDRIVABLE, notRedrivable.get());
    }
    var fixRefusal = fixRefusal(execution, redrive.fix());
    if (fixRefusal.isPresent()) {
      return fixRefusal.get();
    }
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    var closing = DistributedMapBehavior.openMapRuns(execution);
    if (!closing.isEmpty()) {
      // R52, Q23: a redrive that arrives while a map run is still closing is accepted and waits for it to close; the map
      // run hands the command back then, and only then are ExecutionRedriven appended and redriveCount incremented.
      var mapRun = DistributedMapBehavior.openMapRun(Scopes.get(execution, closing.get(0)).active().orElseThrow()).orElseThrow();
      out.mapRunWork(new MapRunWork.RedriveParentWhenClosed(mapRun.mapRunArn(), redrive));
      return out.accept(redriveReply(now));
    }
    Redrive.start(out, redrive.clientToken(), redrive.origin().startedBy()
        .filter(StartedBy.ParentTask.class::isInstance).map(StartedBy.ParentTask.class::cast), redrive.fix());
    return out.accept(redriveReply(now));
  }

  /**
   * A redrive after a fix that cannot continue as it asks: while a map run still closes (the map run hands a waiting
   * redrive back without its fix), onto another state machine's version, with too large an input, or onto states that
   * do not fit.
   */
  private static Optional<Decision> fixRefusal(ExecutionState execution, RedriveFix fix) {
    if (fix.isNone()) {
      return Optional.empty();
    }
    if (!DistributedMapBehavior.openMapRuns(execution).isEmpty()) {
      return Optional.of(Decision.rejected(execution, ApiError.EXECUTION_NOT_REDRIVABLE,
          "A map run of the execution is still closing; redrive after a fix once it has closed"));
    }
    var stateMachineArn = execution.started().orElseThrow().stateMachineArn().value();
    var version = fix.onto().map(RedriveFix.Version::stateMachineVersionArn).filter(arn -> !arn.startsWith(stateMachineArn + ":"));
    if (version.isPresent()) {
      return Optional.of(Decision.rejected(execution, ApiError.VALIDATION_EXCEPTION,
          "Expected a version of state machine '" + stateMachineArn + "' to redrive onto, but got '" + version.get() + "'"));
    }
    if (fix.input().filter(correction -> Json.exceedsPayloadLimit(correction.value())).isPresent()) {
      return Optional.of(Decision.rejected(execution, ApiError.INVALID_EXECUTION_INPUT, Json.INPUT_TOO_LARGE));
    }
    return RedriveFixCheck.refusal(execution, fix).map(reason -> Decision.rejected(execution, ApiError.EXECUTION_NOT_REDRIVABLE, reason));
  }

  private static JsonNode redriveReply(Instant redriveDate) {
    var reply = JsonNodeFactory.instance.objectNode();
    reply.put("redriveDate", epochSeconds(redriveDate));
    return reply;
  }

  /**
   * A map run ended. The Map waiting on it goes on; a map run whose parent closed or whose branch was aborted in the
   * meantime is recorded as aborted (R52). A map run the execution no longer waits on is ignored.
   */
  private Decision completeMapRun(ExecutionState execution, Command.CompleteMapRun completion, Instant now) {
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    var scope = Scopes.find(execution, (path, active) -> DistributedMapBehavior.openMapRun(active)
        .filter(mapRun -> mapRun.mapRunArn().equals(completion.mapRunArn())).isPresent());
    if (scope.isPresent()) {
      if (execution.status() == ExecutionStatus.RUNNING && Scopes.get(execution, scope.get()).status() == Scope.ScopeStatus.RUNNING) {
        DistributedMapBehavior.completed(out, scope.get(), (MapState) out.activeState(scope.get()), completion);
      } else {
        DistributedMapBehavior.closedWhileAborted(out, scope.get());
      }
    }
    return out.accept(JsonNodeFactory.instance.objectNode());
  }

  private Decision taskCommand(ExecutionState execution, Command command, Instant writtenAt, Instant now) {
    var token = taskToken(command);
    var tokenExecution = token.executionArn();
    if (tokenExecution.isEmpty() || !tokenExecution.get().equals(command.executionArn())) {
      return Decision.rejected(execution, ApiError.INVALID_TOKEN, "Invalid Token: '" + token.value() + "'");
    }
    var scope = Scopes.find(execution, active -> active.task()
        .filter(inFlight -> TaskToken.of(command.executionArn(), inFlight.scheduledEventId()).equals(token)).isPresent());
    if (execution.status() != ExecutionStatus.RUNNING || scope.isEmpty()) {
      // AWS's words for a token whose task has ended (answered, timed out, or rerun by a redrive under a new token)
      return Decision.rejected(execution, ApiError.TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'");
    }
    var out = new DecisionBuilder(execution, now, activities, nestedRedrive);
    var state = out.activeState(scope.get());
    if (!(state instanceof TaskState taskState)) {
      throw new IllegalStateException("Expected a Task state to own task " + token + ", but " + state.name() + " is a " + state.typeName());
    }
    var task = out.active(scope.get()).task().orElseThrow();
    if (answeredAfterItsTimeout(command, task, writtenAt)) {
      // its timer was due first: the time-out wins, as it would have had the runtime been running when it was due
      return Decision.rejected(execution, ApiError.TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'");
    }
    if (command instanceof SendTaskSuccess success) {
      var output = Json.parse(success.output());
      if (output.isEmpty()) {
        return Decision.rejected(execution, ApiError.INVALID_OUTPUT, "Invalid Output: 'the output is not valid JSON'");
      }
      TaskBehavior.succeeded(out, scope.get(), taskState, task, output.get());
    } else if (command instanceof SendTaskFailure failure) {
      TaskBehavior.failed(out, scope.get(), taskState, task, new StatesError(failure.error().orElse(""), failure.cause().orElse("")));
    } else if (command instanceof SendTaskHeartbeat) {
      TaskBehavior.heartbeat(out, scope.get(), taskState, task);
    } else if (command instanceof ReportTaskStarted started) {
      TaskBehavior.started(out, scope.get(), taskState, task, started.workerName());
    } else if (command instanceof ReportTaskSubmitted submitted) {
      var output = Json.parse(submitted.output());
      if (output.isEmpty()) {
        return Decision.rejected(execution, ApiError.INVALID_OUTPUT, "Invalid Output: 'the output is not valid JSON'");
      }
      TaskBehavior.submitted(out, scope.get(), taskState, output.get());
    }
    return out.accept(JsonNodeFactory.instance.objectNode());
  }

  /**
   * Whether a success or failure was sent at or after the instant its task's {@code TimeoutSeconds} ended ({@code now}
   * is the time the answer was written to the commands topic, not the time it is processed). A runtime that was down,
   * or behind, may read an answer after the task's time-out was due and before its timer fired, or the other way
   * round: whichever came first in time wins, whatever order they are processed in. An answer written before the
   * time-out was due is accepted even when it is processed long after; one written after is refused, as AWS refuses a
   * late answer, and the timer times the task out. (The runtime fires a timer only once it has read the commands
   * written before the timer was due; see the README, "Time-outs and downtime".)
   */
  private static boolean answeredAfterItsTimeout(Command command, TaskInFlight task, Instant writtenAt) {
    boolean answer = command instanceof SendTaskSuccess || command instanceof SendTaskFailure;
    return answer && task.timeoutDue().filter(due -> !writtenAt.isBefore(due)).isPresent();
  }

  private static TaskToken taskToken(Command command) {
    if (command instanceof SendTaskSuccess success) {
      return success.taskToken();
    } else if (command instanceof SendTaskFailure failure) {
      return failure.taskToken();
    } else if (command instanceof SendTaskHeartbeat heartbeat) {
      return heartbeat.taskToken();
    } else if (command instanceof ReportTaskStarted started) {
      return started.taskToken();
    } else if (command instanceof ReportTaskSubmitted submitted) {
      return submitted.taskToken();
    }
    throw new IllegalStateException("Expected a task command, but got " + command.getClass().getSimpleName());
  }

  private static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
