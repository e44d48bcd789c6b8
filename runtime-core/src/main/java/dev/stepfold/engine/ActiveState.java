package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The state a scope is in now.
 *
 * @param stateName the state's name
 * @param enteredEventId the id of its {@code ...StateEntered} event
 * @param enteredTime when it was entered
 * @param input its input, as the StateEntered event shows it
 * @param retryCount how many retries it has made ({@code $$.State.RetryCount})
 */
public record ActiveState(String stateName, long enteredEventId, Instant enteredTime, JsonNode input, int retryCount) {
  public ActiveState {
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(enteredTime, "enteredTime");
    Objects.requireNonNull(input, "input");
  }
}
