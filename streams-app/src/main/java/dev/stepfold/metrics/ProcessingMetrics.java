package dev.stepfold.metrics;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.streams.ProcessingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of the topology's work, derived from what it writes: executions started, closed (by status), redriven,
 * and their state transitions, by state machine; task latency (a task's scheduling to its end, from the events'
 * times); timers fired and how late; dead letters; commands forwarded to their key's partition.
 */
final class ProcessingMetrics implements ProcessingObserver {
  /** A timer that fires later than this after its due time counts as late. */
  static final Duration LATE = Duration.ofSeconds(1);
  /** At most this many tasks are remembered between their scheduling and their end; past it, memory starts again. */
  private static final int TASKS_REMEMBERED = 100_000;

  private final MeterRegistry registry;
  private final Counter timersFired;
  private final Counter timersLate;
  private final Timer timerLateness;
  private final Counter deadLetters;
  private final Counter commandsForwarded;
  /** A task's scheduling time, under the ids of its Scheduled event and, once it started, of its Started event. */
  private final Map<String, Instant> scheduled = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  /** The task latency timers by kind and outcome. */
  private final Map<String, Timer> taskLatencies = new ConcurrentHashMap<>();

  ProcessingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.timersFired = Counter.builder("stepfold.timers.fired").description("Timers fired (waits, timeouts, heartbeats, retry back-off)")
        .register(registry);
    this.timersLate = Counter.builder("stepfold.timers.late").description("Timers fired more than " + LATE.toSeconds() + "s after they were due")
        .register(registry);
    this.timerLateness = Timer.builder("stepfold.timers.lateness").description("How long after its due time a timer fired").register(registry);
    this.deadLetters = Counter.builder("stepfold.dead.letters").description("Records written to the dead-letter topic").register(registry);
    this.commandsForwarded = Counter.builder("stepfold.commands.forwarded")
        .description("Commands read from another partition than their key's and forwarded there").register(registry);
  }

  @Override
  public void eventsWritten(ExecutionArn executionArn, List<HistoryEvent> events) {
    var stateMachine = executionArn.stateMachineName();
    for (var event : events) {
      switch (event.type()) {
        case EXECUTION_STARTED -> count("stepfold.executions.started", "Executions started", stateMachine);
        case EXECUTION_REDRIVEN -> count("stepfold.executions.redriven", "Executions redriven", stateMachine);
        case EXECUTION_SUCCEEDED -> closed(stateMachine, "SUCCEEDED");
        case EXECUTION_FAILED -> closed(stateMachine, "FAILED");
        case EXECUTION_ABORTED -> closed(stateMachine, "ABORTED");
        case EXECUTION_TIMED_OUT -> closed(stateMachine, "TIMED_OUT");
        default -> {
          if (event.type().awsName().endsWith("StateEntered")) {
            count("stepfold.state.transitions", "States entered", stateMachine);
          }
          taskEvent(executionArn, event);
        }
      }
    }
  }

  private void closed(String stateMachine, String status) {
    counters.computeIfAbsent(new CounterKey("stepfold.executions.closed", stateMachine, status),
        key -> Counter.builder(key.name()).description("Executions closed, by status")
            .tag("state_machine", stateMachine).tag("status", status).register(registry)).increment();
  }

  private void count(String name, String description, String stateMachine) {
    counters.computeIfAbsent(new CounterKey(name, stateMachine, ""),
        key -> Counter.builder(name).description(description).tag("state_machine", stateMachine).register(registry)).increment();
  }

  /** A counter by its name and tags: looked up for every event, so kept here rather than built and registered again. */
  private record CounterKey(String name, String stateMachine, String status) {}

  /** Task, Activity and LambdaFunction events: Scheduled, Started (and Submitted), then Succeeded, Failed or TimedOut. */
  private void taskEvent(ExecutionArn executionArn, HistoryEvent event) {
    var type = event.type().awsName();
    var kind = TaskKind.of(event.type());
    if (kind == null) {
      return;
    }
    if (type.endsWith("Scheduled")) {
      if (scheduled.size() >= TASKS_REMEMBERED) {
        scheduled.clear();
      }
      scheduled.put(key(executionArn, event.id()), event.timestamp());
    } else if (type.endsWith("Started") || type.endsWith("Submitted")) {
      var at = scheduled.remove(key(executionArn, event.previousEventId()));
      if (at != null) {
        scheduled.put(key(executionArn, event.id()), at);
      }
    } else {
      var outcome = type.endsWith("Succeeded") ? "succeeded" : type.endsWith("TimedOut") ? "timed_out" : "failed";
      var at = scheduled.remove(key(executionArn, event.previousEventId()));
      if (at != null) {
        taskLatencies.computeIfAbsent(kind.tag + "/" + outcome, key -> Timer.builder("stepfold.task.latency")
                .description("From a task's scheduling to its end").tag("kind", kind.tag).tag("outcome", outcome).register(registry))
            .record(Duration.between(at, event.timestamp()));
      }
    }
  }

  private static String key(ExecutionArn executionArn, long eventId) {
    return executionArn.value() + "#" + eventId;
  }

  /** The event families whose Scheduled-to-end time is a task's latency. */
  private enum TaskKind {
    TASK("task"), ACTIVITY("activity"), LAMBDA("lambda");

    private final String tag;

    TaskKind(String tag) {
      this.tag = tag;
    }

    /** The kind of a task event that starts, links or ends a latency; null for any other event. */
    static TaskKind of(HistoryEventType type) {
      return switch (type) {
        case TASK_SCHEDULED, TASK_STARTED, TASK_SUBMITTED, TASK_SUCCEEDED, TASK_FAILED, TASK_TIMED_OUT -> TASK;
        case ACTIVITY_SCHEDULED, ACTIVITY_STARTED, ACTIVITY_SUCCEEDED, ACTIVITY_FAILED, ACTIVITY_TIMED_OUT -> ACTIVITY;
        case LAMBDA_FUNCTION_SCHEDULED, LAMBDA_FUNCTION_STARTED, LAMBDA_FUNCTION_SUCCEEDED, LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_TIMED_OUT -> LAMBDA;
        default -> null;
      };
    }
  }

  @Override
  public void timerFired(Instant due, Instant firedAt) {
    timersFired.increment();
    var lateness = Duration.between(due, firedAt);
    timerLateness.record(lateness.isNegative() ? Duration.ZERO : lateness);
    if (lateness.compareTo(LATE) > 0) {
      timersLate.increment();
    }
  }

  @Override
  public void deadLettered() {
    deadLetters.increment();
  }

  @Override
  public void commandForwarded() {
    commandsForwarded.increment();
  }
}
