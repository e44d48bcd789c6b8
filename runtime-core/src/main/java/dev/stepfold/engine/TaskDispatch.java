package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Work for a task runner or worker: a Task state scheduled a task. {@code kind} says which history events record it;
 * {@code resourceType} and {@code resource} are as in {@code TaskScheduled} (for example {@code lambda} and
 * {@code invoke}); for activities and Lambda functions called by ARN, {@code resource} is the ARN and
 * {@code resourceType} is empty. {@code payload} is the task's parameters (or input).
 */
public record TaskDispatch(
    TaskToken taskToken,
    ExecutionArn executionArn,
    String stateName,
    long scheduledEventId,
    Kind kind,
    String resourceArn,
    String resourceType,
    String resource,
    IntegrationPattern pattern,
    JsonNode payload,
    OptionalLong timeoutSeconds,
    OptionalLong heartbeatSeconds) {

  public enum Kind {
    /** {@code TaskScheduled}: service integrations and {@code aws-sdk} calls. */
    TASK,
    /** {@code LambdaFunctionScheduled}: a Lambda function named by its ARN as the Resource. */
    LAMBDA_FUNCTION,
    /** {@code ActivityScheduled}: an activity that workers poll for. */
    ACTIVITY
  }

  /** How the integration is called: request-response, {@code .sync} (run a job and wait) or {@code .waitForTaskToken}. */
  public enum IntegrationPattern { REQUEST_RESPONSE, RUN_JOB, WAIT_FOR_TASK_TOKEN }

  public TaskDispatch {
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    Objects.requireNonNull(heartbeatSeconds, "heartbeatSeconds");
  }
}
