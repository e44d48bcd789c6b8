package dev.stepfold.asl;

import java.util.List;
import java.util.OptionalLong;

/** One element of a state's {@code Retry}; absent fields carry AWS's defaults (1 s, 3 attempts, rate 2.0, FULL jitter off). */
public record Retrier(
    List<String> errorEquals,
    double intervalSeconds,
    int maxAttempts,
    double backoffRate,
    OptionalLong maxDelaySeconds,
    JitterStrategy jitterStrategy) {
  public static final double DEFAULT_INTERVAL_SECONDS = 1;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final double DEFAULT_BACKOFF_RATE = 2.0;

  public enum JitterStrategy { FULL, NONE }

  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }
}
