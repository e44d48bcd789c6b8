package dev.stepfold.fault;

import java.time.Duration;
import java.util.List;

/**
 * The worker's clock during the workload ({@link JumpingClock}): spread over it, a jump 20 s ahead (less than what is
 * left of a task's 120 s time-out, so its answers are still in time), back, a jump 10 minutes behind, back.
 */
final class ClockJumps {
  private static final List<Duration> JUMPS = List.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofMinutes(-10), Duration.ZERO);

  private final long begin;
  private final long length;
  private final FaultCounts faults;
  private int next;

  ClockJumps(long beginNanos, long endNanos, FaultCounts faults) {
    this.begin = beginNanos;
    this.length = endNanos - beginNanos;
    this.faults = faults;
  }

  /** Makes the jump that is due by {@code nowNanos}, if any. */
  void tick(long nowNanos) {
    if (next < JUMPS.size() && nowNanos >= begin + length * (next + 1) / (JUMPS.size() + 1)) {
      var jump = JUMPS.get(next++);
      JumpingClock.jump(jump);
      if (!jump.isZero()) {
        faults.count("worker clock jump " + (jump.isNegative() ? jump.negated().toMinutes() + " min behind" : jump.toSeconds() + " s ahead"));
      }
    }
  }

  /** The clock right again. */
  void end() {
    JumpingClock.jump(Duration.ZERO);
  }
}
