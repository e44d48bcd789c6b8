package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TimerId;
import java.time.Instant;

/** The keys of the timers store and of its index. */
final class TimerKeys {
  private static final int DUE_DIGITS = 19;

  private TimerKeys() {}

  /** {@code <due epoch millis, 19 digits>/<execution ARN>/<timer id>}: byte order is due-time order. */
  static String timerKey(Instant due, ExecutionArn executionArn, TimerId timerId) {
    return "%019d/%s/%s".formatted(due.toEpochMilli(), executionArn.value(), timerId.value());
  }

  /** {@code <execution ARN>/<timer id>}: where a timer's due time is found to move or cancel it. */
  static String indexKey(ExecutionArn executionArn, TimerId timerId) {
    return executionArn.value() + "/" + timerId.value();
  }

  static Instant due(String timerKey) {
    return Instant.ofEpochMilli(Long.parseLong(timerKey.substring(0, DUE_DIGITS)));
  }

  /** The execution ARN of a timer key whose timer id is {@code timerId} (timer ids may hold slashes themselves). */
  static ExecutionArn executionArn(String timerKey, TimerId timerId) {
    return new ExecutionArn(timerKey.substring(DUE_DIGITS + 1, timerKey.length() - timerId.value().length() - 1));
  }
}
