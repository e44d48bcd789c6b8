package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskDispatch.IntegrationPattern;
import dev.stepfold.engine.TaskDispatch.Kind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The task a Task state is waiting on.
 *
 * @param scheduledEventId the event that scheduled it; its token names this id
 * @param kind which events record it
 * @param resourceType as in TaskScheduled ({@code lambda}, {@code aws-sdk:s3}); empty for activities and Lambda ARNs
 * @param resource as in TaskScheduled ({@code invoke}), or the ARN for activities and Lambda ARNs
 * @param started whether a worker took it (activities) or the call started
 * @param submitted whether the initial call of a {@code .sync} / {@code .waitForTaskToken} integration returned
 * @param timeoutDue when its {@code TimeoutSeconds} end: the time it was scheduled plus the seconds its scheduled event
 *     records; empty without a timeout
 * @param syncChild the child execution a {@code .sync} StartExecution task waits for; the engine stops it when the task
 *     ends without the child's answer
 */
public record TaskInFlight(
    long scheduledEventId, Kind kind, String resourceType, String resource, IntegrationPattern pattern, boolean started, boolean submitted,
    Optional<Instant> timeoutDue, Optional<ExecutionArn> syncChild) {
  public TaskInFlight {
    Objects.requireNonNull(syncChild, "syncChild");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(timeoutDue, "timeoutDue");
  }

  public TaskInFlight asStarted() {
    return new TaskInFlight(scheduledEventId, kind, resourceType, resource, pattern, true, submitted, timeoutDue, syncChild);
  }

  public TaskInFlight asSubmitted() {
    return new TaskInFlight(scheduledEventId, kind, resourceType, resource, pattern, started, true, timeoutDue, syncChild);
  }
}
