package dev.stepfold.api;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.error.ApiError;
import java.util.Map;

/** ARN members read as the typed ARN the operation needs; one that is not one is {@code InvalidArn}, as AWS answers. */
public final class ApiArns {
  private ApiArns() {}

  public static StateMachineArn stateMachine(String value) {
    try {
      return new StateMachineArn(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value);
    }
  }

  public static ExecutionArn execution(String value) {
    try {
      return new ExecutionArn(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value);
    }
  }

  /** {@code ...:stateMachine:<name>:<version or alias>}. */
  public static boolean isQualified(StateMachineArn arn) {
    return arn.value().split(":", -1).length > 7;
  }

  /** A Distributed Map's labelled ARN ({@code stateMachine:<name>/<label>}), which most operations refuse. */
  public static void refuseLabelled(StateMachineArn arn) {
    if (arn.name().contains("/")) {
      throw new ApiException(ErrorTypes.VALIDATION_EXCEPTION, "This API does not support labeled ARNs: '" + arn.value() + "'",
          Map.of("reason", "API_DOES_NOT_SUPPORT_LABELED_ARNS"));
    }
  }

  public static ApiException invalid(String value) {
    return ApiException.of(ApiError.INVALID_ARN, "Invalid Arn: '" + value + "'");
  }
}
