package dev.stepfold.engine;

import dev.stepfold.history.EventDetails;
import java.time.Duration;
import java.util.Optional;

/**
 * The ids of an execution's timers. Each names the fact it waits on, so a timer whose fact is gone (the task already
 * answered, the state already left) is recognised and ignored when it fires.
 */
public final class Timers {
  public static final TimerId EXECUTION_TIMEOUT = new TimerId("execution-timeout");
  /** How long an execution a StartSyncExecution waits on may run: AWS's limit for a synchronous Express execution. */
  public static final Duration SYNC_EXECUTION_LIMIT = Duration.ofMinutes(5);
  private static final String WAIT = "wait/";
  private static final String TASK_TIMEOUT = "task-timeout/";
  private static final String HEARTBEAT = "heartbeat/";
  private static final String RETRY = "retry/";

  private Timers() {}

  /** What a timer waits on. */
  public sealed interface Purpose {
    record ExecutionTimeout() implements Purpose {}

    record WaitElapsed(long enteredEventId) implements Purpose {}

    record TaskTimeout(long scheduledEventId) implements Purpose {}

    record HeartbeatTimeout(long scheduledEventId) implements Purpose {}

    /** {@code flowPoint} is the event the retry follows (the failure); {@code error} the error it retries. */
    record RetryDue(long enteredEventId, int retryNumber, long flowPoint, String error) implements Purpose {}
  }

  /**
   * When the execution times out after it started, if it does: its definition's {@code TimeoutSeconds}, and at most
   * {@link #SYNC_EXECUTION_LIMIT} for an execution a StartSyncExecution waits on.
   */
  public static Optional<Duration> executionTimeout(EventDetails.ExecutionStarted started) {
    var timeoutSeconds = started.definition().timeoutSeconds();
    var defined = timeoutSeconds.isPresent() ? Optional.of(Duration.ofSeconds(timeoutSeconds.getAsLong())) : Optional.<Duration>empty();
    if (started.closeRequestId().isEmpty()) {
      return defined;
    }
    return Optional.of(defined.filter(timeout -> timeout.compareTo(SYNC_EXECUTION_LIMIT) < 0).orElse(SYNC_EXECUTION_LIMIT));
  }

  public static TimerId waitElapsed(long enteredEventId) {
    return new TimerId(WAIT + enteredEventId);
  }

  public static TimerId taskTimeout(long scheduledEventId) {
    return new TimerId(TASK_TIMEOUT + scheduledEventId);
  }

  public static TimerId heartbeatTimeout(long scheduledEventId) {
    return new TimerId(HEARTBEAT + scheduledEventId);
  }

  public static TimerId retryDue(long enteredEventId, int retryNumber, long flowPoint, String error) {
    return new TimerId(RETRY + enteredEventId + "/" + retryNumber + "/" + flowPoint + "/" + error);
  }

  public static Optional<Purpose> purpose(TimerId timerId) {
    var value = timerId.value();
    try {
      if (timerId.equals(EXECUTION_TIMEOUT)) {
        return Optional.of(new Purpose.ExecutionTimeout());
      } else if (value.startsWith(WAIT)) {
        return Optional.of(new Purpose.WaitElapsed(Long.parseLong(value.substring(WAIT.length()))));
      } else if (value.startsWith(TASK_TIMEOUT)) {
        return Optional.of(new Purpose.TaskTimeout(Long.parseLong(value.substring(TASK_TIMEOUT.length()))));
      } else if (value.startsWith(HEARTBEAT)) {
        return Optional.of(new Purpose.HeartbeatTimeout(Long.parseLong(value.substring(HEARTBEAT.length()))));
      } else if (value.startsWith(RETRY)) {
        var parts = value.substring(RETRY.length()).split("/", 4);
        return Optional.of(new Purpose.RetryDue(
            Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]), parts.length > 3 ? parts[3] : ""));
      }
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
