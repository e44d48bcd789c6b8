package dev.stepfold.api.stepfold;

import dev.stepfold.api.ApiException;
import dev.stepfold.api.Members;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.ApiError;
import java.util.Optional;

/**
 * The members of a redrive after a fix, for {@code Stepfold.RedriveExecution} and {@code Stepfold.GetRedrivePlan}:
 * {@code ontoVersion} (the ARN of a version or alias of the execution's state machine), {@code fromState} (a state
 * that ran in its top level), and {@code input} or {@code inputMerge} (JSON text, as StartExecution's input; a merge
 * patch is an object). Input that is not JSON, or too large, is {@code InvalidExecutionInput}, as for a start.
 */
record RedriveFixMembers(Optional<String> ontoVersion, Optional<String> fromState, Optional<String> input, Optional<String> inputMerge) {
  private static final int STATE_NAME_LENGTH = 80;

  static RedriveFixMembers read(Members in) {
    var ontoVersion = in.optionalArn("ontoVersion");
    var fromState = in.optionalString("fromState", 1, STATE_NAME_LENGTH);
    var input = in.optionalSensitive("input", 0, Integer.MAX_VALUE).map(text -> json(text, "input"));
    var inputMerge = in.optionalSensitive("inputMerge", 0, Integer.MAX_VALUE).map(text -> json(text, "inputMerge"));
    if (input.isPresent() && inputMerge.isPresent()) {
      throw ApiException.validation("Expected input or inputMerge to correct the input of the states that run again, but got both");
    }
    if (inputMerge.isPresent() && !Json.parse(inputMerge.get()).orElseThrow().isObject()) {
      throw ApiException.of(ApiError.INVALID_EXECUTION_INPUT, "Invalid State Machine Execution Input: 'inputMerge is not a JSON object'");
    }
    return new RedriveFixMembers(ontoVersion, fromState, input, inputMerge);
  }

  private static String json(String text, String member) {
    if (Json.exceedsPayloadLimit(text)) {
      throw ApiException.of(ApiError.INVALID_EXECUTION_INPUT, Json.INPUT_TOO_LARGE);
    }
    if (Json.parse(text).isEmpty()) {
      throw ApiException.of(ApiError.INVALID_EXECUTION_INPUT, "Invalid State Machine Execution Input: '" + member + " is not valid JSON'");
    }
    return text;
  }
}
