package dev.stepfold.local;

import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunDispatch;
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
 * open with no answer to deliver and no timer set.
 */
public final class LocalRunner {
  /** A guard against an execution that never ends (a loop of Pass states, a retry without end...). */
  public static final int MAX_COMMANDS = 100_000;

  private final ExecutionDecider decider;

  public LocalRunner(ExecutionDecider decider) {
    this.decider = Objects.requireNonNull(decider, "decider");
  }

  public LocalRun run(Command.StartExecution start, Instant startTime, TaskAnswers answers) {
    return new Run(start, startTime, answers).toEnd();
  }

  /** The mutable bookkeeping of one run; it never escapes {@link #run}. */
  private final class Run {
    private final Command.StartExecution start;
    private final TaskAnswers answers;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Deque<Command> inbox = new ArrayDeque<>();
    private final Map<TimerId, Instant> timers = new LinkedHashMap<>();
    private final Map<TaskToken, String> unanswered = new LinkedHashMap<>();
    private final Map<TaskToken, String> stateOfTask = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private ExecutionState execution;
    private Instant now;
    private long requests;

    Run(Command.StartExecution start, Instant startTime, TaskAnswers answers) {
      this.start = start;
      this.answers = Objects.requireNonNull(answers, "answers");
      this.now = Objects.requireNonNull(startTime, "startTime");
      this.execution = decider.initialState();
    }

    LocalRun toEnd() {
      var started = decider.decide(execution, start, now);
      if (started.reply() instanceof Reply.Rejected rejected) {
        return new LocalRun(List.of(), started.execution(), Optional.of(rejected), Optional.empty(), notes);
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
      return new LocalRun(events, execution, Optional.empty(), Optional.empty(), notes);
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
      deliver(new Command.FireTimer(nextRequestId(), start.executionArn(), earliest.getKey()));
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
      decision.mapRuns().forEach(this::runMapRun);
    }

    /**
     * Runs a map run's children one after another, each to its end on its own virtual clock starting now, with the
     * same task answers; its completion goes to the inbox like any command.
     */
    private void runMapRun(MapRunDispatch dispatch) {
      var mapRuns = new MapRunDecider();
      var decision = mapRuns.start(dispatch);
      var mapRun = decision.mapRun();
      var pending = new ArrayDeque<>(decision.childStarts());
      var completion = decision.completion();
      while (completion.isEmpty() && !pending.isEmpty()) {
        var child = pending.poll();
        var run = new LocalRunner(decider).run(child.start(), now, answers);
        var next = mapRuns.childEnded(mapRun, child.index(), outcome(run));
        mapRun = next.mapRun();
        pending.addAll(next.childStarts());
        completion = next.completion();
      }
      completion.ifPresent(inbox::add);
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
      return new LocalRun(events, execution, Optional.empty(), Optional.of(reason), notes);
    }

    private String nextRequestId() {
      return "local-" + ++requests;
    }
  }
}
