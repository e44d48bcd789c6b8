package dev.stepfold.asl.parse;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import java.util.regex.Pattern;

/** The fields only a Task has: Resource, Credentials, TimeoutSeconds and HeartbeatSeconds. */
final class TaskValidator {
  /** Shaped like an ARN at all, the first test AWS applies to a Resource. */
  private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");

  private TaskValidator() {}

  static void validate(Fields task, QueryLanguage language, ValidationContext context) {
    if (task.required("Resource")) {
      validateResource(task, context.executionType());
    }
    var jsonata = language == QueryLanguage.JSONATA;
    task.atMostOne("TimeoutSeconds", "TimeoutSecondsPath");
    task.atMostOne("HeartbeatSeconds", "HeartbeatSecondsPath");
    task.integer("TimeoutSeconds", 1, Fields.MAX_SECONDS, jsonata);
    task.integer("HeartbeatSeconds", 1, Fields.MAX_SECONDS, jsonata);
    var timeout = task.get("TimeoutSeconds");
    var heartbeat = task.get("HeartbeatSeconds");
    if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
        && heartbeat.longValue() >= timeout.longValue()) {
      task.error(Messages.HEARTBEAT_NOT_BELOW_TIMEOUT, "HeartbeatSeconds");
    }
    if (!jsonata) {
      task.referencePath("TimeoutSecondsPath", false);
      task.referencePath("HeartbeatSecondsPath", false);
    }
    validateCredentials(task, language);
    ErrorHandlerValidator.validate(task, language);
  }

  private static void validateResource(Fields task, ExecutionType executionType) {
    if (!task.string("Resource")) {
      return;
    }
    var resource = task.get("Resource").textValue();
    if (!ARN.matcher(resource).matches()) {
      task.error(Messages.NOT_A_RESOURCE_ARN, "Resource");
      return;
    }
    var recognized = TaskResource.recognize(resource);
    if (recognized.isEmpty()) {
      task.error(Messages.resourceNotRecognized(resource), "Resource");
    } else if (executionType == ExecutionType.EXPRESS) {
      var named = recognized.get();
      if (named instanceof TaskResource.Activity) {
        task.error(Messages.EXPRESS_ACTIVITY, "Resource");
      } else if (named.pattern().isSync()) {
        task.error(Messages.EXPRESS_SYNC, "Resource");
      } else if (named.pattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
        task.error(Messages.EXPRESS_WAIT_FOR_TASK_TOKEN, "Resource");
      }
    }
  }

  private static void validateCredentials(Fields task, QueryLanguage language) {
    if (!task.has("Credentials") || !task.object("Credentials")) {
      return;
    }
    var credentials = task.child("Credentials");
    var jsonPath = language == QueryLanguage.JSONPATH;
    if (!credentials.has("RoleArn") && !(jsonPath && credentials.has("RoleArn.$"))) {
      credentials.error(Messages.ROLE_ARN_MISSING);
      return;
    }
    credentials.onlySupported(field -> field.equals("RoleArn") || jsonPath && field.equals("RoleArn.$"));
    credentials.atMostOne("RoleArn", "RoleArn.$");
    credentials.string("RoleArn");
    if (jsonPath) {
      task.template("Credentials");
    } else if (credentials.has("RoleArn") && credentials.get("RoleArn").isTextual()) {
      credentials.jsonata("RoleArn");
    }
  }
}
