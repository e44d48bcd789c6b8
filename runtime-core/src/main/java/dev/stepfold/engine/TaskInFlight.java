package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The task a Task state is waiting on; what it calls is the state's resource.
 *
 * @param scheduledEventId the event that scheduled it; its token names this id
 * @param started whether a worker took it (activities) or the call started
 * @param submitted whether the initial call of a {@code .sync} / {@code .waitForTaskToken} integration returned
 * @param timeoutDue when its {@code TimeoutSeconds} end: the time it was scheduled plus the seconds its scheduled event
 *     records; empty without a timeout
 * @param syncChild the child execution a {@code .sync} StartExecution task waits for; the engine stops it when the task
 *     ends without the child's answer
 */
public record TaskInFlight(
    long scheduledEventId, boolean started, boolean submitted, Optional<Instant> timeoutDue, Optional<ExecutionArn> syncChild) {
  public TaskInFlight {
    Objects.requireNonNull(syncChild, "syncChild");
    Objects.requireNonNull(timeoutDue, "timeoutDue");
  }

  public TaskInFlight asStarted() {
    return new TaskInFlight(scheduledEventId, true, submitted, timeoutDue, syncChild);
  }

  public TaskInFlight asSubmitted() {
    return new TaskInFlight(scheduledEventId, started, true, timeoutDue, syncChild);
  }
}
