package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.ApiError;
import java.util.Objects;

/** The outcome of one command, answered to its request id: accepted with the operation's result, or an API error. */
public sealed interface Reply {
  record Accepted(JsonNode data) implements Reply {
    public Accepted {
      Objects.requireNonNull(data, "data");
    }
  }

  record Rejected(ApiError error, String message) implements Reply {
    public Rejected {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }
}
