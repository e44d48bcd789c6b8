package dev.stepfold.asl.parse;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a Task's {@code Resource} ARN names, when Step Functions recognizes it. */
record TaskResource(Kind kind, IntegrationPattern pattern) {
  enum Kind { LAMBDA_FUNCTION, ACTIVITY, OPTIMIZED_INTEGRATION, AWS_SDK_INTEGRATION }

  enum IntegrationPattern {
    REQUEST_RESPONSE(""), RUN_A_JOB(".sync"), RUN_A_JOB_V2(".sync:2"), WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    IntegrationPattern(String suffix) {
      this.suffix = suffix;
    }

    boolean isSync() {
      return this == RUN_A_JOB || this == RUN_A_JOB_V2;
    }

    /** The pattern an action name ends with, request-response when it ends with none. */
    static IntegrationPattern of(String action) {
      for (var pattern : new IntegrationPattern[] {RUN_A_JOB_V2, RUN_A_JOB, WAIT_FOR_TASK_TOKEN}) {
        if (action.endsWith(pattern.suffix)) {
          return pattern;
        }
      }
      return REQUEST_RESPONSE;
    }

    String strip(String action) {
      return action.substring(0, action.length() - suffix.length());
    }
  }

  private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");
  private static final Pattern LAMBDA_FUNCTION =
      Pattern.compile("arn:[a-z-]+:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
  private static final Pattern ACTIVITY = Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:activity:[^:]+");
  private static final Pattern INTEGRATION = Pattern.compile("arn:[a-z-]+:states:::([a-z0-9-]+):(.+)");
  private static final Pattern SDK_ACTION = Pattern.compile("([a-z0-9.-]+):([a-zA-Z0-9]+)");

  /** Shaped like an ARN at all (the first test AWS applies). */
  static boolean looksLikeArn(String resource) {
    return ARN.matcher(resource).matches();
  }

  static Optional<TaskResource> recognize(String resource) {
    if (LAMBDA_FUNCTION.matcher(resource).matches()) {
      return Optional.of(new TaskResource(Kind.LAMBDA_FUNCTION, IntegrationPattern.REQUEST_RESPONSE));
    }
    if (ACTIVITY.matcher(resource).matches()) {
      return Optional.of(new TaskResource(Kind.ACTIVITY, IntegrationPattern.REQUEST_RESPONSE));
    }
    var integration = INTEGRATION.matcher(resource);
    if (!integration.matches()) {
      return Optional.empty();
    }
    var service = integration.group(1);
    var action = integration.group(2);
    var pattern = IntegrationPattern.of(action);
    if (service.equals("aws-sdk")) {
      var sdk = SDK_ACTION.matcher(pattern.strip(action));
      return sdk.matches() && !pattern.isSync()
          ? Optional.of(new TaskResource(Kind.AWS_SDK_INTEGRATION, pattern))
          : Optional.empty();
    }
    return OptimizedIntegrations.supports(service, pattern.strip(action), pattern)
        ? Optional.of(new TaskResource(Kind.OPTIMIZED_INTEGRATION, pattern))
        : Optional.empty();
  }
}
