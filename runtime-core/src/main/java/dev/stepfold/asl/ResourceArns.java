package dev.stepfold.asl;

import dev.stepfold.arn.ActivityArn;
import dev.stepfold.asl.TaskResource.Activity;
import dev.stepfold.asl.TaskResource.Integration;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.asl.TaskResource.LambdaFunction;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shapes of the Task resources Step Functions recognizes, and how each reads into a {@link TaskResource}. */
final class ResourceArns {
  private static final Pattern LAMBDA_FUNCTION =
      Pattern.compile("arn:[a-z-]+:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?");
  private static final Pattern ACTIVITY = Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:activity:[^:]+");
  private static final Pattern INTEGRATION = Pattern.compile("arn:[a-z-]+:states:::([a-z0-9-]+):(.+)");
  private static final Pattern SDK_ACTION = Pattern.compile("([a-z0-9.-]+):([a-zA-Z0-9]+)");

  private ResourceArns() {}

  static Optional<TaskResource> recognize(String arn) {
    var lambda = LAMBDA_FUNCTION.matcher(arn);
    if (lambda.matches()) {
      return Optional.of(new LambdaFunction(arn, lambda.group(1), Optional.ofNullable(lambda.group(2))));
    }
    if (ACTIVITY.matcher(arn).matches()) {
      return Optional.of(new Activity(new ActivityArn(arn)));
    }
    var integration = INTEGRATION.matcher(arn);
    if (!integration.matches()) {
      return Optional.empty();
    }
    var service = integration.group(1);
    var written = integration.group(2);
    var pattern = IntegrationPattern.ofAction(written);
    var action = written.substring(0, written.length() - pattern.suffix().length());
    if (service.equals("aws-sdk")) {
      var sdk = SDK_ACTION.matcher(action);
      return sdk.matches() && !pattern.isSync()
          ? Optional.of(new Integration(arn, "aws-sdk:" + sdk.group(1), sdk.group(2), pattern))
          : Optional.empty();
    }
    return OptimizedIntegrations.supports(service, action, pattern)
        ? Optional.of(new Integration(arn, service, action, pattern))
        : Optional.empty();
  }
}
