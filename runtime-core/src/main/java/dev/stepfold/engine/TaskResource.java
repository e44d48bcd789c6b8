package dev.stepfold.engine;

import dev.stepfold.engine.TaskDispatch.IntegrationPattern;
import dev.stepfold.engine.TaskDispatch.Kind;
import java.util.Objects;

/**
 * A Task state's {@code Resource}, read the way the history names it: {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken}
 * is resource type {@code sqs} and resource {@code sendMessage.waitForTaskToken};
 * {@code arn:aws:states:::aws-sdk:s3:getObject} is {@code aws-sdk:s3} and {@code getObject}; a Lambda function ARN and
 * an activity ARN are their own resource.
 */
public record TaskResource(Kind kind, String arn, String resourceType, String resource, IntegrationPattern pattern) {
  private static final String SYNC = ".sync";
  private static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

  public TaskResource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(pattern, "pattern");
  }

  public static TaskResource parse(String arn) {
    var parts = arn.split(":", -1);
    if (parts.length >= 6 && parts[2].equals("states") && parts[5].equals("activity")) {
      return new TaskResource(Kind.ACTIVITY, arn, "", arn, IntegrationPattern.REQUEST_RESPONSE);
    }
    if (parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function")) {
      return new TaskResource(Kind.LAMBDA_FUNCTION, arn, "", arn, IntegrationPattern.REQUEST_RESPONSE);
    }
    // arn:<partition>:states:::<service>:<action> or arn:<partition>:states:::aws-sdk:<service>:<action>
    if (parts.length >= 7 && parts[2].equals("states") && parts[5].equals("aws-sdk")) {
      var action = String.join(":", java.util.Arrays.copyOfRange(parts, 7, parts.length));
      return new TaskResource(Kind.TASK, arn, "aws-sdk:" + parts[6], action, patternOf(action));
    }
    if (parts.length >= 7 && parts[2].equals("states")) {
      var action = String.join(":", java.util.Arrays.copyOfRange(parts, 6, parts.length));
      return new TaskResource(Kind.TASK, arn, parts[5], action, patternOf(action));
    }
    return new TaskResource(Kind.TASK, arn, parts.length > 2 ? parts[2] : arn, arn, IntegrationPattern.REQUEST_RESPONSE);
  }

  public static IntegrationPattern patternOf(String resource) {
    if (resource.endsWith(WAIT_FOR_TASK_TOKEN)) {
      return IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    }
    return resource.contains(SYNC) ? IntegrationPattern.RUN_JOB : IntegrationPattern.REQUEST_RESPONSE;
  }
}
