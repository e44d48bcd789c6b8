package dev.stepfold.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionTrackerTest {
  @Test
  void shouldTimeEachExecutionFromItsStartToItsCloseEventInThePhaseThatStartedIt() throws InterruptedException {
    var tracker = new CompletionTracker(2);
    var phase = new LatencyRecorder();
    tracker.acquire();
    tracker.started("e-1", 1_000_000, phase);
    tracker.acquire();
    tracker.started("e-2", 2_000_000, phase);

    tracker.event("e-1", "TaskScheduled", 5_000_000);
    tracker.event("e-1", "ExecutionSucceeded", 11_000_000);
    tracker.event("e-2", "ExecutionFailed", 42_000_000);
    tracker.event("e-2", "ExecutionFailed", 50_000_000);   // read again: counted once

    assertThat(phase.count()).isEqualTo(2);
    assertThat(phase.percentileMillis(0.5)).isEqualTo(10.0);
    assertThat(phase.percentileMillis(1.0)).isEqualTo(40.0);
    assertThat(tracker.succeeded()).isEqualTo(1);
    assertThat(tracker.unsuccessful()).isEqualTo(1);
    assertThat(tracker.historyEvents()).isEqualTo(4);
    assertThat(tracker.open()).isZero();
  }

  @Test
  void shouldFreeTheSlotOfAnAbandonedExecution() throws InterruptedException {
    var tracker = new CompletionTracker(1);
    tracker.acquire();
    tracker.started("refused", 0, new LatencyRecorder());

    tracker.abandon("refused");

    tracker.acquire();   // would block forever if the slot were still taken
    assertThat(tracker.open()).isZero();
  }

  @Test
  void shouldTakeTheNearestRankPercentile() {
    var latencies = new LatencyRecorder();
    for (int millis = 1; millis <= 100; millis++) {
      latencies.record(millis * 1_000_000L);
    }
    assertThat(latencies.percentileMillis(0.50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(0.99)).isEqualTo(99.0);
    assertThat(new LatencyRecorder().percentileMillis(0.99)).isZero();
  }
}
