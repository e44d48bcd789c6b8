package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;

/** ResultPath: where a state's result goes in its input. */
public final class ResultPaths {
  private ResultPaths() {}

  /**
   * A new node: {@code input} with {@code result} placed at {@code resultPath} ({@code "$"} replaces the input),
   * creating missing objects on the way; the input is not changed. Placing into a non-object fails with AWS's message.
   */
  public static JsonNode apply(String resultPath, JsonNode input, JsonNode result) {
    throw new UnsupportedOperationException("not built yet");
  }
}
