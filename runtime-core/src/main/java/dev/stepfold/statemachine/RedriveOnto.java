package dev.stepfold.statemachine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.error.ApiError;

/**
 * What a redrive after a fix continues in: a published version of the execution's state machine, named by its version
 * ARN or by an alias (which routes the execution as a start of it would be routed). Looked up as a start's version or
 * alias is ({@link StartResolution}), in the same store; the state machine's own ARN names no version and is refused.
 */
public final class RedriveOnto {
  private RedriveOnto() {}

  /**
   * {@link StartResolution.Resolved} with the version's ARN, {@link StartResolution.Refused} with AWS's error, or
   * {@link StartResolution.Unknown} when the store does not show what {@code named} names (yet).
   */
  public static StartResolution resolve(StartResolution.Lookup lookup, String named, ExecutionArn executionArn) {
    StateMachineArn arn;
    try {
      arn = new StateMachineArn(named);
    } catch (IllegalArgumentException e) {
      return new StartResolution.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    if (StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest) {
      return new StartResolution.Refused(ApiError.VALIDATION_EXCEPTION,
          "Expected the ARN of a version or an alias of the state machine to redrive onto, but got the state machine's own ARN '" + named + "'");
    }
    return StartResolution.resolve(lookup, named, executionArn);
  }

  /** The same, from a store that knows every version there is: what it does not show does not exist. */
  public static StartResolution resolveKnown(StartResolution.Lookup lookup, String named, ExecutionArn executionArn) {
    var resolution = resolve(lookup, named, executionArn);
    return resolution instanceof StartResolution.Unknown ? StartResolution.doesNotExist(named) : resolution;
  }
}
