package dev.stepfold.history;

import java.math.BigDecimal;
import java.time.Instant;

/** A time as AWS JSON writes it: epoch seconds with the milliseconds as a fraction ({@code 1714644000.123}). */
public final class EpochSeconds {
  private EpochSeconds() {}

  public static BigDecimal of(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }
}
