package dev.stepfold.streams;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds back the timers of a task that has just started (the runtime was down, or the partition moved here) until the
 * task has read the commands written before them, so that a task's answer written before its time-out was due is
 * processed before the time-out's timer fires, whatever the time the runtime came back.
 *
 * <p>Until then only the timers due no later than the task's stream time fire: the latest record time read, so a timer
 * the log has already passed. The task has caught up once it has read a record written after it started (the backlog
 * of before is behind it), or once no record has come for {@code quiet} (there was no backlog, or it is read); from
 * then on, timers fire at wall-clock time as usual. Record times are the producers' clocks: an answer whose producer's
 * clock runs behind may still be read after a timer due later than it.
 */
final class TimerGate {
  private final long startedAt;
  private final long quietMillis;
  private long lastRecordAt;
  private boolean caughtUp;

  TimerGate(long wallClockAtStart, Duration quiet) {
    this.startedAt = wallClockAtStart;
    this.lastRecordAt = wallClockAtStart;
    this.quietMillis = quiet.toMillis();
  }

  void recordRead(long wallClock) {
    lastRecordAt = wallClock;
  }

  /** The latest due time of the timers that may fire now. */
  Instant horizon(long wallClock, long streamTime) {
    if (!caughtUp && (streamTime >= startedAt || wallClock - lastRecordAt >= quietMillis)) {
      caughtUp = true;
    }
    return Instant.ofEpochMilli(caughtUp ? wallClock : Math.min(wallClock, streamTime));
  }
}
