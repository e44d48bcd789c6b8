package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.ApiError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What a {@link StateTest} came to: a run of the state, or a rejection of the test with an API error. */
public sealed interface StateTestResult {
  /** AWS's {@code TestExecutionStatus}. */
  enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

  /**
   * The state ran: how it ended, the state it hands over to ({@code nextState}, none when it ends the execution or fails),
   * its output (or a caught error's), the error it raised, and what it did with its data on the way.
   */
  record Ran(Status status, Optional<String> nextState, Optional<JsonNode> output, Optional<String> error, Optional<String> cause,
      Inspection inspection) implements StateTestResult {
    public Ran {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(nextState, "nextState");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(inspection, "inspection");
    }
  }

  /** The test cannot run as asked (a mock on a Pass, a Map without one, ...): nothing ran. */
  record Rejected(ApiError error, String message) implements StateTestResult {
    public Rejected {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * AWS's {@code InspectionData}: {@code payloads} by AWS's member name ({@code input}, {@code afterInputPath},
   * {@code afterParameters}, {@code afterArguments}, {@code result}, {@code afterResultSelector}, {@code afterResultPath},
   * {@code variables}, {@code afterItemsPath}, {@code afterItemSelector}, ...) in the order the state made them; the
   * retrier or catcher that handled an error; a Map's concurrency and tolerated failures.
   */
  record Inspection(
      Map<String, JsonNode> payloads, OptionalInt retryIndex, OptionalLong retryBackoffIntervalSeconds, OptionalInt catchIndex,
      OptionalInt maxConcurrency, OptionalLong toleratedFailureCount, OptionalDouble toleratedFailurePercentage) {
    public Inspection {
      payloads = Collections.unmodifiableMap(new LinkedHashMap<>(payloads));
      Objects.requireNonNull(retryIndex, "retryIndex");
      Objects.requireNonNull(retryBackoffIntervalSeconds, "retryBackoffIntervalSeconds");
      Objects.requireNonNull(catchIndex, "catchIndex");
      Objects.requireNonNull(maxConcurrency, "maxConcurrency");
      Objects.requireNonNull(toleratedFailureCount, "toleratedFailureCount");
      Objects.requireNonNull(toleratedFailurePercentage, "toleratedFailurePercentage");
    }
  }
}
