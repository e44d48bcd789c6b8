package dev.stepfold.benchmarks.load;

import java.util.Arrays;

/** Start-to-finish times of the executions of one phase, in microseconds; percentiles by nearest rank. */
final class LatencyRecorder {
  private long[] micros = new long[1 << 16];
  private int count;

  synchronized void record(long nanos) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = nanos / 1_000;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code quantile} (0 < q ≤ 1) in milliseconds; 0 when nothing was recorded. */
  synchronized double percentileMillis(double quantile) {
    if (count == 0) {
      return 0;
    }
    var sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(quantile * count);
    return sorted[Math.max(0, rank - 1)] / 1_000.0;
  }
}
