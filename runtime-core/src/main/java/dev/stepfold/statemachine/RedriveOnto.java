package dev.stepfold.statemachine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.error.ApiError;

/**
 * What a redrive after a fix continues in: a published version of the execution's state machine, named by its version
 * ARN or by an alias (which routes the execution as a start of it would be routed). Looked up as a start's version or
 * alias is ({@link StartResolution}), in the same store; the state machine's own ARN names no version and is refused,
 * and so is what the store does not know.
 */
public final class RedriveOnto {
  private RedriveOnto() {}

  /** {@link StartResolution.Resolved} with the version's ARN, or {@link StartResolution.Refused} with AWS's error. */
  public static StartResolution resolve(StartResolution.Lookup lookup, String named, ExecutionArn executionArn) {
    StateMachineArn arn;
    try {
      arn = new StateMachineArn(named);
    } catch (IllegalArgumentException e) {
      return new StartResolution.Refused(ApiError.INVALID_ARN, "Invalid Arn: '" + e.getMessage() + "'");
    }
    if (StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest) {
      return new StartResolution.Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected the ARN of a version or an alias of the state machine to redrive onto, but got the state machine's own ARN '" + named + "'");
    }
    var resolution = StartResolution.resolve(lookup, named, executionArn);
    return resolution instanceof StartResolution.Unknown ? StartResolution.doesNotExist(named) : resolution;
  }
}
