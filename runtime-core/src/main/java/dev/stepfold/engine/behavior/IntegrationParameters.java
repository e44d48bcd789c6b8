package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.error.StatesFailure;

/** The checks AWS makes on an optimized integration's parameters before it starts the task. */
final class IntegrationParameters {
  private IntegrationParameters() {}

  static void check(TaskResource resource, JsonNode parameters) {
    if (resource instanceof TaskResource.Integration integration && integration.calls("apigateway", "invoke")) {
      // API Gateway headers map each name to a list of values.
      var headers = parameters.path("Headers");
      if (!headers.isMissingNode() && (!headers.isObject() || !allArrays(headers))) {
        throw invalid(parameters, "The value of the field 'Headers' has an invalid format");
      }
    }
  }

  private static boolean allArrays(JsonNode headers) {
    for (var value : headers) {
      if (!value.isArray()) {
        return false;
      }
    }
    return true;
  }

  private static StatesFailure invalid(JsonNode parameters, String problem) {
    return StatesFailure.runtime("The Parameters '" + Json.text(parameters) + "' could not be used to start the Task: [" + problem + "]");
  }
}
