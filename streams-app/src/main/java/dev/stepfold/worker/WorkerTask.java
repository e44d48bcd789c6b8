package dev.stepfold.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One task, as a {@link TaskHandler} sees it.
 *
 * @param taskToken the task's token; the worker answers with it
 * @param executionArn the execution the task belongs to
 * @param stateName the Task state that scheduled it
 * @param resourceArn the Task state's {@code Resource}, as written in the definition
 * @param input what the task works on: the state's parameters (or input); for {@code arn:aws:states:::lambda:invoke},
 *     the {@code Payload} parameter, as the Lambda function would get it
 * @param timeoutSeconds the task's {@code TimeoutSeconds}, if any
 * @param heartbeatSeconds the task's {@code HeartbeatSeconds}, if any: the worker then sends heartbeats while the
 *     handler runs
 */
public record WorkerTask(
    String taskToken,
    String executionArn,
    String stateName,
    String resourceArn,
    JsonNode input,
    OptionalLong timeoutSeconds,
    OptionalLong heartbeatSeconds) {
  public WorkerTask {
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    Objects.requireNonNull(heartbeatSeconds, "heartbeatSeconds");
  }
}
