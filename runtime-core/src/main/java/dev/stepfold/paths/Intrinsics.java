package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The intrinsic functions ({@code States.Format}, {@code States.Array}, ...), parsed and evaluated as AWS does. */
public final class Intrinsics {
  private Intrinsics() {}

  /** Whether text is written as an intrinsic function call ({@code States.<Name>(...)}), valid or not. */
  public static boolean looksLikeCall(String text) {
    return text.startsWith("States.");
  }

  /** Evaluates a call; failures are {@code States.Runtime} with AWS's message. */
  public static JsonNode evaluate(String call, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The problem with a call's syntax, or empty when it parses. */
  public static Optional<String> validate(String call) {
    throw new UnsupportedOperationException("not built yet");
  }
}
