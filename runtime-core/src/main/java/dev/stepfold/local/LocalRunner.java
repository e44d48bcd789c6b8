package dev.stepfold.local;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.Outbound;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.TimerChange;
import dev.stepfold.engine.TimerId;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.host.Host;
import dev.stepfold.host.Interpreter;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunDecider;
import dev.stepfold.maprun.MapRunDecision;
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
 * Drives one execution to its end in memory on a virtual clock, through the same {@link Interpreter} the Kafka topology
 * uses: every message a decision sends is delivered to its execution or map run (the children of a Distributed Map are
 * executions of their own here too), depth first — the messages of one delivery before those of earlier ones, so an
 * execution runs as far as it can — except the starts and redrives a map run sends its children, which wait their turn
 * in order; each key receives its messages in the order they were sent, as on a topic. Every dispatched task is answered through
 * {@link TaskAnswers} at once, in dispatch order (a Task that calls StartExecution as well: no other state machine runs
 * here); when no message is left the earliest timer fires, moving the clock to its due time. No real time passes. The
 * run stops when the execution has closed and nothing is left to deliver, or is stuck when it is still open with no
 * message to deliver and no timer set. A closed run can be redriven: the redrive continues its history, and redrives
 * the map runs of its Distributed Maps, whose children it keeps.
 */
public final class LocalRunner {
  /** A guard against an execution that never ends (a loop of Pass states, a retry without end...), per execution. */
  public static final int MAX_COMMANDS = 100_000;

  private final ExecutionDecider decider;

  public LocalRunner(ExecutionDecider decider) {
    this.decider = Objects.requireNonNull(decider, "decider");
  }

  public LocalRun run(Command.StartExecution start, Instant startTime, TaskAnswers answers) {
    return new World(startTime, answers).toEnd(start);
  }

  /**
   * Redrives a closed run at {@code redriveTime} and drives it to its end again; the history goes on from the run's.
   * A refused redrive returns the run as it was, with the refusal.
   */
  public LocalRun redrive(LocalRun closed, Command.RedriveExecution redrive, Instant redriveTime, TaskAnswers answers) {
    var world = new World(redriveTime, answers);
    world.restore(redrive.executionArn(), closed);
    return world.toEnd(redrive);
  }

  /** What an execution's run has kept: its history and its state, or the refusal of its start. */
  private static final class Kept {
    private final List<HistoryEvent> events = new ArrayList<>();
    private ExecutionState execution;
    private Optional<Reply.Rejected> rejection = Optional.empty();
    private int commands;

    Kept(ExecutionState execution) {
      this.execution = execution;
    }
  }

  /** A message on its way: a command to an execution, or work for a map run; {@code key} is the ARN it goes to. */
  private sealed interface Message {
    String key();

    record ToExecution(Command command) implements Message {
      @Override
      public String key() {
        return command.executionArn().value();
      }
    }

    record ToMapRun(String requestId, MapRunWork work) implements Message {
      @Override
      public String key() {
        return work.mapRunArn().value();
      }
    }
  }

  private record TimerKey(ExecutionArn executionArn, TimerId timerId) {}

  /** The executions and map runs of one run, the messages between them, and the virtual clock; it never escapes this class. */
  private final class World implements Host {
    private final TaskAnswers answers;
    private final Interpreter interpreter = new Interpreter(decider, this);
    private final MapRunDecider mapRunDecider = new MapRunDecider();
    private final Map<ExecutionArn, Kept> executions = new LinkedHashMap<>();
    private final Map<MapRunArn, MapRun> mapRuns = new LinkedHashMap<>();
    /** The messages to deliver next, the latest delivery's first. */
    private final Deque<Message> next = new ArrayDeque<>();
    /** The starts and redrives map runs send their children, in the order they were sent. */
    private final Deque<Message> childWork = new ArrayDeque<>();
    /** What the delivery under way sends. */
    private final List<Message> sent = new ArrayList<>();
    private final Map<TimerKey, Instant> timers = new LinkedHashMap<>();
    private final Map<TaskToken, String> unanswered = new LinkedHashMap<>();
    private final Map<TaskToken, String> stateOfTask = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Instant now;
    private long requests;

    World(Instant time, TaskAnswers answers) {
      this.now = Objects.requireNonNull(time, "time");
      this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** Keeps a run that ended, with its map runs and their children, as the world to go on from. */
    void restore(ExecutionArn executionArn, LocalRun run) {
      var kept = kept(executionArn);
      kept.events.addAll(run.events());
      kept.execution = run.execution();
      kept.rejection = run.rejection();
      run.mapRuns().forEach((mapRunArn, mapRun) -> {
        mapRuns.put(mapRunArn, mapRun.mapRun());
        mapRun.children().forEach((index, child) -> restore(MapRunDecider.childArn(mapRun.mapRun().dispatch(), index), child));
      });
    }

    LocalRun toEnd(Command first) {
      var root = first.executionArn();
      var decision = deliver(first);
      pushSent();
      if (decision.reply() instanceof Reply.Rejected rejected) {
        return result(root, Optional.of(rejected), Optional.empty());
      }
      while (!next.isEmpty() || !childWork.isEmpty() || !kept(root).execution.status().isClosed()) {
        var busiest = executions.entrySet().stream().filter(entry -> entry.getValue().commands > MAX_COMMANDS).findFirst();
        if (busiest.isPresent()) {
          var whose = busiest.get().getKey().equals(root) ? "the execution" : "child execution " + busiest.get().getKey();
          return result(root, Optional.empty(), Optional.of(whose + " did not end after " + MAX_COMMANDS + " commands"));
        }
        if (!next.isEmpty() || !childWork.isEmpty()) {
          deliverNext();
        } else if (!timers.isEmpty()) {
          fireEarliestTimer();
          pushSent();
        } else {
          return result(root, Optional.empty(), Optional.of(stuckReason(kept(root).execution)));
        }
      }
      return result(root, Optional.empty(), Optional.empty());
    }

    /**
     * Delivers the next message: what the latest delivery sent comes first (so an execution goes on as far as it can),
     * the children map runs start or redrive wait their turn, in order. A message to an execution whose start or redrive
     * is still waiting goes after it, as on its topic partition, with nothing in between: a child a map run stops before
     * it ran starts and stops at once.
     */
    private void deliverNext() {
      var message = next.isEmpty() ? childWork.poll() : next.poll();
      var earlier = new ArrayList<Message>();
      childWork.removeIf(waiting -> waiting.key().equals(message.key()) && earlier.add(waiting));
      earlier.forEach(this::deliver);
      deliver(message);
      pushSent();
    }

    private void pushSent() {
      for (int i = sent.size() - 1; i >= 0; i--) {
        if (!isChildWork(sent.get(i))) {
          next.push(sent.get(i));
        }
      }
      sent.stream().filter(World::isChildWork).forEach(childWork::add);
      sent.clear();
    }

    private static boolean isChildWork(Message message) {
      return message instanceof Message.ToExecution toExecution && toExecution.command().origin() instanceof Origin.MapRunChild
          && (toExecution.command() instanceof Command.StartExecution || toExecution.command() instanceof Command.RedriveExecution);
    }

    private void deliver(Message message) {
      if (message instanceof Message.ToExecution toExecution) {
        deliver(toExecution.command());
      } else {
        var toMapRun = (Message.ToMapRun) message;
        deliver(toMapRun.requestId(), toMapRun.work());
      }
    }

    private Decision deliver(Command command) {
      var kept = kept(command.executionArn());
      kept.commands++;
      boolean unstarted = kept.execution.status() == decider.initialState().status() && kept.events.isEmpty();
      var decision = interpreter.handle(command, now, false);
      if (decision.reply() instanceof Reply.Rejected rejected) {
        notes.add(command.getClass().getSimpleName() + " at " + now + " rejected: " + rejected.error().awsName() + ": " + rejected.message());
        if (command instanceof Command.StartExecution && unstarted) {
          kept.rejection = Optional.of(rejected);
        }
      }
      return decision;
    }

    /** Work for a map run, decided by its {@link MapRunDecider} and carried out by the interpreter. */
    private void deliver(String requestId, MapRunWork work) {
      var mapRun = Optional.ofNullable(mapRuns.get(work.mapRunArn()));
      MapRunDecision decision;
      if (work instanceof MapRunWork.Start start) {
        if (mapRun.isPresent()) {
          return;   // a repeat: the map run started already
        }
        decision = mapRunDecider.start(start.dispatch());
      } else if (mapRun.isEmpty()) {
        notes.add("no map run " + work.mapRunArn() + " to carry out " + work.getClass().getSimpleName() + " (" + requestId + ")");
        return;
      } else if (work instanceof MapRunWork.Redrive redrive) {
        decision = mapRunDecider.redrive(mapRun.get(), redrive, now);
      } else if (work instanceof MapRunWork.Abort) {
        decision = mapRunDecider.abort(mapRun.get());
      } else if (work instanceof MapRunWork.RedriveParentWhenClosed waiting) {
        decision = mapRunDecider.redriveParentWhenClosed(mapRun.get(), waiting.redrive());
      } else if (work instanceof MapRunWork.ChildEnded ended) {
        decision = mapRunDecider.childEnded(mapRun.get(), ended.index(), ended.outcome());
      } else {
        var refused = (MapRunWork.ChildRedriveRefused) work;
        decision = mapRunDecider.childRedriveRefused(mapRun.get(), refused.index(), refused.reason());
      }
      mapRuns.put(work.mapRunArn(), decision.mapRun());
      interpreter.carryOut(decision);
    }

    private void fireEarliestTimer() {
      var earliest = timers.entrySet().stream()
          .reduce((first, second) -> second.getValue().isBefore(first.getValue()) ? second : first)
          .orElseThrow();
      timers.remove(earliest.getKey());
      if (earliest.getValue().isAfter(now)) {
        now = earliest.getValue();
      }
      deliver(new Command.FireTimer(nextRequestId(), earliest.getKey().executionArn(), earliest.getKey().timerId()));
    }

    // Host

    @Override
    public ExecutionState load(ExecutionArn executionArn) {
      return kept(executionArn).execution;
    }

    @Override
    public void store(ExecutionArn executionArn, Decision decision) {
      var kept = kept(executionArn);
      if (decision.restarted()) {
        kept.events.clear();
      }
      kept.events.addAll(decision.events());
      kept.execution = decision.execution();
    }

    @Override
    public void send(Command command) {
      sent.add(new Message.ToExecution(command));
    }

    @Override
    public void send(String requestId, MapRunWork work) {
      sent.add(new Message.ToMapRun(requestId, work));
    }

    /** No other state machine runs here: the task answers say what the call of StartExecution returned. */
    @Override
    public void startChild(Outbound.StartChild child) {
      dispatch(child.task());
    }

    @Override
    public void dispatch(TaskDispatch task) {
      stateOfTask.put(task.taskToken(), task.stateName());
      unanswered.remove(task.taskToken());
      enqueue(task, answers.answer(task));
    }

    @Override
    public void timer(ExecutionArn executionArn, TimerChange change) {
      var key = new TimerKey(executionArn, change.timerId());
      timers.remove(key);
      if (change instanceof TimerChange.Set set) {
        timers.put(key, set.due());
      }
    }

    /** Nobody waits for replies here: a run's result says how its start or redrive was answered. */
    @Override
    public void reply(ExecutionArn executionArn, String requestId, Reply reply) {}

    @Override
    public void bug(Command command, RuntimeException bug) {
      throw bug;
    }

    private void enqueue(TaskDispatch task, TaskAnswer answer) {
      var arn = task.executionArn();
      var token = task.taskToken();
      if (answer instanceof TaskAnswer.Succeed succeed) {
        send(new Command.SendTaskSuccess(nextRequestId(), arn, token, succeed.output()));
      } else if (answer instanceof TaskAnswer.Fail fail) {
        send(new Command.SendTaskFailure(nextRequestId(), arn, token, fail.error(), fail.cause()));
      } else if (answer instanceof TaskAnswer.NoAnswer noAnswer) {
        unanswered.put(token, noAnswer.reason());
      } else if (answer instanceof TaskAnswer.Started started) {
        send(new Command.ReportTaskStarted(nextRequestId(), arn, token, started.workerName()));
        enqueue(task, started.then());
      } else if (answer instanceof TaskAnswer.Submitted submitted) {
        send(new Command.ReportTaskSubmitted(nextRequestId(), arn, token, submitted.output()));
        enqueue(task, submitted.then());
      } else {
        throw new IllegalStateException("Expected a known TaskAnswer, but got " + answer);
      }
    }

    private Kept kept(ExecutionArn executionArn) {
      return executions.computeIfAbsent(executionArn, arn -> new Kept(decider.initialState()));
    }

    /** The run of {@code executionArn} as it stands, with the map runs it started and the runs of their children. */
    private LocalRun result(ExecutionArn executionArn, Optional<Reply.Rejected> rejection, Optional<String> stuck) {
      var kept = kept(executionArn);
      var own = new LinkedHashMap<MapRunArn, LocalMapRun>();
      mapRuns.forEach((mapRunArn, mapRun) -> {
        if (mapRun.dispatch().parentExecutionArn().equals(executionArn)) {
          var children = new LinkedHashMap<Integer, LocalRun>();
          for (int index = 0; index < mapRun.children().size(); index++) {
            var childArn = MapRunDecider.childArn(mapRun.dispatch(), index);
            var child = executions.get(childArn);
            if (child != null && (!child.events.isEmpty() || child.rejection.isPresent())) {
              children.put(index, childResult(childArn, child));
            }
          }
          own.put(mapRunArn, new LocalMapRun(mapRun, children));
        }
      });
      return new LocalRun(kept.events, kept.execution, rejection, stuck, notes, own, now);
    }

    private LocalRun childResult(ExecutionArn childArn, Kept child) {
      var stuck = child.rejection.isEmpty() && !child.execution.status().isClosed()
          ? Optional.of("the child execution did not end: " + stuckReason(child.execution)) : Optional.<String>empty();
      var run = result(childArn, child.rejection, stuck);
      return new LocalRun(run.events(), run.execution(), run.rejection(), run.stuck(), List.of(), run.mapRuns(), run.end());
    }

    private String stuckReason(ExecutionState execution) {
      if (unanswered.isEmpty()) {
        return "the execution is " + execution.status() + " but no task is open and no timer is set";
      }
      return "the execution is " + execution.status() + ", no timer is set, and these tasks got no answer: "
          + unanswered.entrySet().stream()
              .map(task -> "state '" + stateOfTask.get(task.getKey()) + "' (" + task.getValue() + ")")
              .collect(Collectors.joining(", "));
    }

    private String nextRequestId() {
      return "local-" + ++requests;
    }
  }
}
