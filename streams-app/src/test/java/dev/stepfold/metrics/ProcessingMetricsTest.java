package dev.stepfold.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The topology's metrics from the events of its decisions, the timers it fires, its dead letters and forwarded commands. */
class ProcessingMetricsTest {
  private static final ExecutionArn ORDER = ArnFormat.DEFAULT.stateMachine("orders").execution("order-1");
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProcessingMetrics metrics = new ProcessingMetrics(registry);

  @Test
  void shouldCountStartsClosesRedrivesAndStatesEnteredByStateMachine() {
    metrics.eventsWritten(ORDER, List.of(event(1, 0, T0, HistoryEventType.EXECUTION_STARTED), event(2, 1, T0, HistoryEventType.PASS_STATE_ENTERED),
        event(3, 2, T0, HistoryEventType.PASS_STATE_EXITED), event(4, 3, T0, HistoryEventType.FAIL_STATE_ENTERED),
        event(5, 4, T0, HistoryEventType.EXECUTION_FAILED)));
    metrics.eventsWritten(ORDER, List.of(event(6, 0, T0, HistoryEventType.EXECUTION_REDRIVEN), event(7, 6, T0, HistoryEventType.FAIL_STATE_ENTERED),
        event(8, 7, T0, HistoryEventType.EXECUTION_FAILED)));

    assertThat(count("stepfold.executions.started")).isEqualTo(1);
    assertThat(count("stepfold.executions.redriven")).isEqualTo(1);
    assertThat(registry.get("stepfold.executions.closed").tag("state_machine", "orders").tag("status", "FAILED").counter().count()).isEqualTo(2);
    assertThat(count("stepfold.state.transitions")).isEqualTo(3);
  }

  @Test
  void shouldTimeATaskFromItsSchedulingToItsEndThroughItsStart() {
    metrics.eventsWritten(ORDER, List.of(event(5, 4, T0, HistoryEventType.TASK_SCHEDULED)));
    metrics.eventsWritten(ORDER, List.of(event(6, 5, T0.plusSeconds(1), HistoryEventType.TASK_STARTED)));
    metrics.eventsWritten(ORDER, List.of(event(7, 6, T0.plusSeconds(3), HistoryEventType.TASK_SUCCEEDED)));
    metrics.eventsWritten(ORDER, List.of(event(9, 8, T0, HistoryEventType.ACTIVITY_SCHEDULED),
        event(10, 9, T0.plusMillis(500), HistoryEventType.ACTIVITY_TIMED_OUT)));

    var task = registry.get("stepfold.task.latency").tag("kind", "task").tag("outcome", "succeeded").timer();
    assertThat(task.count()).isEqualTo(1);
    assertThat(task.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    var activity = registry.get("stepfold.task.latency").tag("kind", "activity").tag("outcome", "timed_out").timer();
    assertThat(activity.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(500);
  }

  @Test
  void shouldCountTimersFiredAndThoseFiredLate() {
    metrics.timerFired(T0, T0.plusMillis(100));
    metrics.timerFired(T0, T0.plus(ProcessingMetrics.LATE).plusMillis(1));

    assertThat(registry.get("stepfold.timers.fired").counter().count()).isEqualTo(2);
    assertThat(registry.get("stepfold.timers.late").counter().count()).isEqualTo(1);
    assertThat(registry.get("stepfold.timers.lateness").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofMillis(1001).toMillis());
  }

  @Test
  void shouldCountDeadLettersAndForwardedCommands() {
    metrics.deadLettered();
    metrics.commandForwarded();
    metrics.commandForwarded();

    assertThat(registry.get("stepfold.dead.letters").counter().count()).isEqualTo(1);
    assertThat(registry.get("stepfold.commands.forwarded").counter().count()).isEqualTo(2);
  }

  private double count(String name) {
    return registry.get(name).tag("state_machine", "orders").counter().count();
  }

  private static HistoryEvent event(long id, long previousEventId, Instant at, HistoryEventType type) {
    return new HistoryEvent(id, previousEventId, at, type, new EventDetails.None());
  }
}
