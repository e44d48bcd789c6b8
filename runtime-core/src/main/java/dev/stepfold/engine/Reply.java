package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.ApiError;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one command, answered to its request id: accepted with the operation's result, or an API error. */
public sealed interface Reply {
  record Accepted(JsonNode data) implements Reply {
    public Accepted {
      Objects.requireNonNull(data, "data");
    }
  }

  /** {@code reason}: a ValidationException's {@code ValidationExceptionReason}, where AWS gives one. */
  record Rejected(ApiError error, String message, Optional<String> reason) implements Reply {
    public Rejected {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(reason, "reason");
    }

    public Rejected(ApiError error, String message) {
      this(error, message, Optional.empty());
    }
  }
}
