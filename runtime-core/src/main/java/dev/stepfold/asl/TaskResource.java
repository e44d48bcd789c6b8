package dev.stepfold.asl;

import dev.stepfold.arn.ActivityArn;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Task state's {@code Resource} names, read once when the definition is parsed: a Lambda function called by its
 * ARN, an activity that workers poll, or a service integration ({@code arn:aws:states:::<service>:<action>[pattern]},
 * the HTTP task being the integration {@code http:invoke}). {@link #arn()} is the Resource as written; the history names
 * it by {@link #resourceType()} and {@link #resourceName()}, as AWS does in {@code TaskScheduled}: {@code sqs} and
 * {@code sendMessage.waitForTaskToken}, {@code aws-sdk:s3} and {@code getObject}, and for a Lambda function or an
 * activity its ARN with no type.
 */
public sealed interface TaskResource {
  /** The Resource as the definition writes it. */
  String arn();

  /** As {@code TaskScheduled} names the resource type; empty for a Lambda function or an activity. */
  default String resourceType() {
    return "";
  }

  /** As the history names the resource: an integration's action with its pattern's suffix, else the ARN. */
  default String resourceName() {
    return arn();
  }

  /** How the task is called; a Lambda function or an activity is called request-response. */
  default IntegrationPattern pattern() {
    return IntegrationPattern.REQUEST_RESPONSE;
  }

  /** {@code arn:<partition>:lambda:<region>:<account>:function:<name>[:<alias or version>]}. */
  record LambdaFunction(String arn, String functionName, Optional<String> qualifier) implements TaskResource {
    public LambdaFunction {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(functionName, "functionName");
      Objects.requireNonNull(qualifier, "qualifier");
    }
  }

  /** An activity: {@code arn:<partition>:states:<region>:<account>:activity:<name>}. */
  record Activity(ActivityArn activityArn) implements TaskResource {
    public Activity {
      Objects.requireNonNull(activityArn, "activityArn");
    }

    @Override
    public String arn() {
      return activityArn.value();
    }
  }

  /**
   * A service integration. {@code service} is the resource type as the history names it ({@code sqs}, {@code states},
   * {@code http}, and {@code aws-sdk:<service>} for an SDK integration); {@code action} has no pattern suffix.
   */
  record Integration(String arn, String service, String action, IntegrationPattern pattern) implements TaskResource {
    public Integration {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public String resourceType() {
      return service;
    }

    @Override
    public String resourceName() {
      return action + pattern.suffix();
    }

    /** Whether this integration calls {@code service:action}, whatever its pattern. */
    public boolean calls(String calledService, String calledAction) {
      return service.equals(calledService) && action.equals(calledAction);
    }
  }

  /** How an integration is called, by the suffix of its action. */
  enum IntegrationPattern {
    /** Call the service and go on with its answer. */
    REQUEST_RESPONSE(""),
    /** Run a job ({@code .sync}) and wait for it to end. */
    SYNC(".sync"),
    /** Run a job ({@code .sync:2}), its answer as JSON rather than JSON text. */
    SYNC_2(".sync:2"),
    /** Call the service with a task token and wait for someone to send the task's outcome with it. */
    WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    IntegrationPattern(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }

    /** Whether the task runs a job and waits for it to end ({@code .sync} or {@code .sync:2}). */
    public boolean isSync() {
      return this == SYNC || this == SYNC_2;
    }

    /** The pattern an action (as the history names it) ends with; request-response when it ends with none. */
    public static IntegrationPattern ofAction(String action) {
      for (var pattern : new IntegrationPattern[] {SYNC_2, SYNC, WAIT_FOR_TASK_TOKEN}) {
        if (action.endsWith(pattern.suffix)) {
          return pattern;
        }
      }
      return REQUEST_RESPONSE;
    }
  }

  /** The resource a Resource ARN names, when Step Functions recognizes it; the parser's only way to read one. */
  static Optional<TaskResource> recognize(String arn) {
    return ResourceArns.recognize(arn);
  }
}
