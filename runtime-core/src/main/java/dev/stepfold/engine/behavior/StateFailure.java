package dev.stepfold.engine.behavior;

import dev.stepfold.engine.ActiveState;
import dev.stepfold.error.StatesError;

/** How AWS words an error in a state's own evaluation. */
final class StateFailure {
  private StateFailure() {}

  /** {@code States.Runtime} causes name the state and the event that entered it. */
  static StatesError located(StatesError error, ActiveState active) {
    if (!error.error().equals(StatesError.RUNTIME)) {
      return error;
    }
    return new StatesError(error.error(), "An error occurred while executing the state '%s' (entered at the event id #%d). %s"
        .formatted(active.stateName(), active.enteredEventId(), error.cause()));
  }

  static StatesError dataLimitExceeded(String stateName) {
    return new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
        "The state/task '" + stateName + "' returned a result with a size exceeding the maximum number of bytes service limit.");
  }
}
