package dev.stepfold.engine.behavior;

import dev.stepfold.engine.ActiveState;
import dev.stepfold.error.StatesError;
import java.util.Optional;
import java.util.regex.Pattern;

/** How AWS words an error in a state's own evaluation. */
final class StateFailure {
  private StateFailure() {}

  /** {@code States.Runtime} and JSONata evaluation causes name the state and the event that entered it. */
  static StatesError located(StatesError error, ActiveState active) {
    if (!error.error().equals(StatesError.RUNTIME) && !error.error().equals(StatesError.QUERY_EVALUATION_ERROR)) {
      return error;
    }
    return new StatesError(error.error(), "An error occurred while executing the state '%s' (entered at the event id #%d). %s"
        .formatted(active.stateName(), active.enteredEventId(), error.cause()));
  }

  private static final Pattern FIELD = Pattern.compile("specified for the field '([^']+)'");

  /** The field of a JSONata evaluation failure ({@code Output/result}), as EvaluationFailed names it, where the cause names one. */
  static Optional<String> location(String cause) {
    var matcher = FIELD.matcher(cause);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  static StatesError dataLimitExceeded(String stateName) {
    return new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
        "The state/task '" + stateName + "' returned a result with a size exceeding the maximum number of bytes service limit.");
  }
}
