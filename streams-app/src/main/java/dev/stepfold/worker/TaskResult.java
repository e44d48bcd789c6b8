package dev.stepfold.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What a {@link TaskHandler} answers: the task's output, or a failure with an error name and a cause. */
public sealed interface TaskResult {
  /** The task succeeded with {@code output}, which becomes the Task state's result. */
  record Success(JsonNode output) implements TaskResult {
    public Success {
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * The task failed with {@code error} (what {@code Retry} and {@code Catch} match in {@code ErrorEquals}; it must not
   * start with {@code States.}) and {@code cause}.
   */
  record Failure(String error, String cause) implements TaskResult {
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  static TaskResult success(JsonNode output) {
    return new Success(output);
  }

  /** Success with {@code json}, JSON text; {@link UncheckedIOException} when it is not JSON. */
  static TaskResult success(String json) {
    return new Success(WorkerJson.parse(json, "the task's output"));
  }

  static TaskResult failure(String error, String cause) {
    return new Failure(error, cause);
  }
}
