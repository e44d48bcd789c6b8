package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.TaskResource;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Work for a task runner or worker: a Task state scheduled a task. {@code resource} is what the state's Resource names
 * (which history events record the task follows from it); {@code payload} is the task's parameters (or input).
 */
public record TaskDispatch(
    TaskToken taskToken,
    ExecutionArn executionArn,
    String stateName,
    long scheduledEventId,
    TaskResource resource,
    JsonNode payload,
    OptionalLong timeoutSeconds,
    OptionalLong heartbeatSeconds) {

  public TaskDispatch {
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    Objects.requireNonNull(heartbeatSeconds, "heartbeatSeconds");
  }
}
