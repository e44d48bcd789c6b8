package dev.stepfold.local;

import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunDecision;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.TimerChange;
import dev.stepfold.engine.TimerId;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.maprun.ChildOutcome;
import dev.stepfold.maprun.MapRunDecider;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drives one execution to its end in memory on a virtual clock: starts it, answers every dispatched task through
 * {@link TaskAnswers} (at once, in dispatch order), and when nothing else is left fires the earliest timer, moving the
 * clock to its due time. No real time passes. The run stops when the execution closes, or is stuck when it is still
 * open with no answer to deliver and no timer set. A closed run can be redriven: the redrive continues its history,
 * and redrives the map runs of its Distributed Maps, whose children it keeps.
 */
public final class LocalRunner {
  /** A guard against an execution that never ends (a loop of Pass states, a retry without end...). */
  public static final int MAX_COMMANDS = 100_000;

  private final ExecutionDecider decider;

  public LocalRunner(ExecutionDecider decider) {
    this.decider = Objects.requireNonNull(decider, "decider");
  }

  public LocalRun run(Command.StartExecution start, Instant startTime, TaskAnswers answers) {
    return new Run(start.executionArn(), decider.initialState(), List.of(), Map.of(), startTime, answers).toEnd(start);
  }

  /**
   * Redrives a closed run at {@code redriveTime} and drives it to its end again; the history goes on from the run's.
   * A refused redrive returns the run as it was, with the refusal.
   */
  public LocalRun redrive(LocalRun closed, Command.RedriveExecution redrive, Instant redriveTime, TaskAnswers answers) {
    return new Run(redrive.executionArn(), closed.execution(), closed.events(), closed.mapRuns(), redriveTime, answers).toEnd(redrive);
  }

  /** Delivers commands to a run without answering its tasks: how a child the map run stops ends (started or redriven, then stopped). */
  LocalRun deliverOnly(LocalRun run, ExecutionArn executionArn, List<Command> commands, Instant time) {
    var only = new Run(executionArn, run.execution(), run.events(), run.mapRuns(), time, TaskAnswers.none("stopped"));
    commands.forEach(only::deliverWithoutWork);
    return only.result(Optional.empty(), Optional.empty());
  }

  /** The mutable bookkeeping of one run; it never escapes this class. */
  private final class Run {
    private final ExecutionArn executionArn;
    private final TaskAnswers answers;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Deque<Command> inbox = new ArrayDeque<>();
    private final Map<TimerId, Instant> timers = new LinkedHashMap<>();
    private final Map<TaskToken, String> unanswered = new LinkedHashMap<>();
    private final Map<TaskToken, String> stateOfTask = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<MapRunArn, LocalMapRun> mapRuns = new LinkedHashMap<>();
    private ExecutionState execution;
    private Instant now;
    private long requests;

    Run(ExecutionArn executionArn, ExecutionState execution, List<HistoryEvent> history, Map<MapRunArn, LocalMapRun> mapRuns, Instant time,
        TaskAnswers answers) {
      this.executionArn = executionArn;
      this.answers = Objects.requireNonNull(answers, "answers");
      this.now = Objects.requireNonNull(time, "time");
      this.execution = execution;
      this.events.addAll(history);
      this.mapRuns.putAll(mapRuns);
    }

    LocalRun result(Optional<Reply.Rejected> rejection, Optional<String> stuck) {
      return new LocalRun(events, execution, rejection, stuck, notes, mapRuns, now);
    }

    void deliverWithoutWork(Command command) {
      var decision = decider.decide(execution, command, now);
      if (!decision.isRejected()) {
        events.addAll(decision.events());
        execution = decision.execution();
      }
    }

    LocalRun toEnd(Command first) {
      var started = decider.decide(execution, first, now);
      if (started.reply() instanceof Reply.Rejected rejected) {
        return result(Optional.of(rejected), Optional.empty());
      }
      apply(started);
      var commands = 1;
      while (!execution.status().isClosed()) {
        if (commands++ > MAX_COMMANDS) {
          return stuck("the execution did not end after " + MAX_COMMANDS + " commands");
        }
        if (!inbox.isEmpty()) {
          deliver(inbox.poll());
        } else if (!timers.isEmpty()) {
          fireEarliestTimer();
        } else {
          return stuck(stuckReason());
        }
      }
      return result(Optional.empty(), Optional.empty());
    }

    private void deliver(Command command) {
      var decision = decider.decide(execution, command, now);
      if (decision.reply() instanceof Reply.Rejected rejected) {
        notes.add(command.getClass().getSimpleName() + " at " + now + " rejected: " + rejected.error().awsName() + ": " + rejected.message());
        return;
      }
      apply(decision);
    }

    private void fireEarliestTimer() {
      var earliest = timers.entrySet().stream()
          .reduce((first, second) -> second.getValue().isBefore(first.getValue()) ? second : first)
          .orElseThrow();
      timers.remove(earliest.getKey());
      if (earliest.getValue().isAfter(now)) {
        now = earliest.getValue();
      }
      deliver(new Command.FireTimer(nextRequestId(), executionArn, earliest.getKey()));
    }

    private void apply(Decision decision) {
      events.addAll(decision.events());
      execution = decision.execution();
      for (var change : decision.timers()) {
        timers.remove(change.timerId());
        if (change instanceof TimerChange.Set set) {
          timers.put(set.timerId(), set.due());
        }
      }
      decision.tasks().forEach(this::answer);
      decision.mapRuns().forEach(this::carryOut);
    }

    private void carryOut(MapRunWork work) {
      var mapRuns = new MapRunDecider();
      if (work instanceof MapRunWork.Start start) {
        follow(new LocalMapRun(MapRun.started(start.dispatch()), Map.of()), mapRuns.start(start.dispatch()));
        return;
      }
      var known = this.mapRuns.get(work.mapRunArn());
      if (known == null) {
        notes.add("no map run " + work.mapRunArn() + " to carry out " + work.getClass().getSimpleName());
      } else if (work instanceof MapRunWork.Redrive redrive) {
        follow(known, mapRuns.redrive(known.mapRun(), redrive, now));
      } else if (work instanceof MapRunWork.Abort) {
        follow(known, mapRuns.abort(known.mapRun()));
      } else if (work instanceof MapRunWork.RedriveParentWhenClosed waiting) {
        follow(known, mapRuns.redriveParentWhenClosed(known.mapRun(), waiting.redrive()));
      }
    }

    /**
     * Carries out what a map run decided: runs its children one after another, each to its end on its own virtual
     * clock starting now with the same task answers (a STANDARD child to redrive continues its own run), stops the ones
     * it stops, and puts what it tells the parent in the inbox like any command.
     */
    private void follow(LocalMapRun known, MapRunDecision first) {
      var mapRuns = new MapRunDecider();
      var children = new LinkedHashMap<>(known.children());
      var queue = new ArrayDeque<MapRunDecision.ChildWork>();
      var decision = first;
      while (true) {
        queue.addAll(decision.childStarts());
        queue.addAll(decision.childRedrives());
        var toParent = new ArrayList<Command>();
        addToParent(decision, toParent);
        for (var stop : decision.childStops()) {
          // The last stopped child to report closes the map run, which then tells the parent (R52).
          decision = stopQueued(mapRuns, decision.mapRun(), queue, children, stop);
          addToParent(decision, toParent);
        }
        if (!toParent.isEmpty()) {
          // The map run closes when its last child ended, on the children's clocks.
          children.values().stream().map(LocalRun::end).max(Instant::compareTo).filter(end -> end.isAfter(now)).ifPresent(end -> now = end);
        }
        inbox.addAll(toParent);
        if (queue.isEmpty()) {
          break;
        }
        var mapRun = decision.mapRun();
        var child = queue.poll();
        if (child instanceof MapRunDecision.ChildStart start) {
          var run = new LocalRunner(decider).run(start.start(), now, answers);
          children.put(start.index(), run);
          decision = mapRuns.childEnded(mapRun, start.index(), outcome(run));
        } else {
          var redrive = (MapRunDecision.ChildRedrive) child;
          var run = new LocalRunner(decider).redrive(children.get(redrive.index()), redrive.redrive(), now, answers);
          if (run.rejection().isPresent()) {
            decision = mapRuns.childRedriveRefused(mapRun, redrive.index(), run.rejection().get().message());
          } else {
            children.put(redrive.index(), run);
            decision = mapRuns.childEnded(mapRun, redrive.index(), outcome(run));
          }
        }
      }
      this.mapRuns.put(decision.mapRun().dispatch().mapRunArn(), new LocalMapRun(decision.mapRun(), children));
    }

    /** What a map run's decision tells its parent: how it ended, and the parent's redrives that waited for it (Q23). */
    private static void addToParent(MapRunDecision decision, List<Command> toParent) {
      decision.completion().ifPresent(toParent::add);
      toParent.addAll(decision.parentRedrives());
    }

    /** A child the map run stops has not run yet here: it is started (or redriven) and stopped at once, and ends ABORTED. */
    private MapRunDecision stopQueued(MapRunDecider mapRuns, MapRun mapRun, Deque<MapRunDecision.ChildWork> queue, Map<Integer, LocalRun> children,
        Command.StopExecution stop) {
      var queued = queue.stream().filter(child -> child.index() == indexOf(mapRun, stop.executionArn())).findFirst();
      if (queued.isEmpty()) {
        return new MapRunDecision(List.of(), mapRun, List.of(), List.of(), List.of(), Optional.empty(), List.of());
      }
      queue.remove(queued.get());
      int index = queued.get().index();
      var runner = new LocalRunner(decider);
      LocalRun stopped;
      if (queued.get() instanceof MapRunDecision.ChildStart start) {
        var empty = new LocalRun(List.of(), decider.initialState(), Optional.empty(), Optional.empty(), List.of(), Map.of(), now);
        stopped = runner.deliverOnly(empty, stop.executionArn(), List.of(start.start(), stop), now);
      } else {
        var redrive = ((MapRunDecision.ChildRedrive) queued.get()).redrive();
        stopped = runner.deliverOnly(children.get(index), stop.executionArn(), List.of(redrive, stop), now);
      }
      children.put(index, stopped);
      return mapRuns.childEnded(mapRun, index, outcome(stopped));
    }

    private static int indexOf(MapRun mapRun, ExecutionArn child) {
      for (int i = 0; i < mapRun.children().size(); i++) {
        if (MapRunDecider.childArn(mapRun.dispatch(), i).equals(child)) {
          return i;
        }
      }
      return -1;
    }

    private ChildOutcome outcome(LocalRun child) {
      if (child.rejection().isPresent()) {
        var rejected = child.rejection().get();
        return ChildOutcome.failed(rejected.error().awsName(), rejected.message());
      }
      if (child.stuck().isPresent()) {
        notes.add("a child execution of a map run did not end: " + child.stuck().get());
        return ChildOutcome.failed(StatesError.RUNTIME, "the child execution did not end: " + child.stuck().get());
      }
      var state = child.execution();
      return new ChildOutcome(state.status(), state.output(), state.error(), state.cause());
    }

    private void answer(TaskDispatch task) {
      stateOfTask.put(task.taskToken(), task.stateName());
      unanswered.remove(task.taskToken());
      enqueue(task, answers.answer(task));
    }

    private void enqueue(TaskDispatch task, TaskAnswer answer) {
      var arn = task.executionArn();
      var token = task.taskToken();
      if (answer instanceof TaskAnswer.Succeed succeed) {
        inbox.add(new Command.SendTaskSuccess(nextRequestId(), arn, token, succeed.output()));
      } else if (answer instanceof TaskAnswer.Fail fail) {
        inbox.add(new Command.SendTaskFailure(nextRequestId(), arn, token, fail.error(), fail.cause()));
      } else if (answer instanceof TaskAnswer.NoAnswer noAnswer) {
        unanswered.put(token, noAnswer.reason());
      } else if (answer instanceof TaskAnswer.Started started) {
        inbox.add(new Command.ReportTaskStarted(nextRequestId(), arn, token, started.workerName()));
        enqueue(task, started.then());
      } else if (answer instanceof TaskAnswer.Submitted submitted) {
        inbox.add(new Command.ReportTaskSubmitted(nextRequestId(), arn, token, submitted.output()));
        enqueue(task, submitted.then());
      } else {
        throw new IllegalStateException("Expected a known TaskAnswer, but got " + answer);
      }
    }

    private String stuckReason() {
      if (unanswered.isEmpty()) {
        return "the execution is " + execution.status() + " but no task is open and no timer is set";
      }
      return "the execution is " + execution.status() + ", no timer is set, and these tasks got no answer: "
          + unanswered.entrySet().stream()
              .map(task -> "state '" + stateOfTask.get(task.getKey()) + "' (" + task.getValue() + ")")
              .collect(Collectors.joining(", "));
    }

    private LocalRun stuck(String reason) {
      return result(Optional.empty(), Optional.of(reason));
    }

    private String nextRequestId() {
      return "local-" + ++requests;
    }
  }
}
