package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.paths.IntrinsicExpression.Call;
import java.util.Optional;

/** The intrinsic functions ({@code States.Format}, {@code States.Array}, ...), parsed and evaluated as AWS does. */
public final class Intrinsics {
  private static final BoundedCache<String, Parsed> PARSED = new BoundedCache<>(10_000);

  private Intrinsics() {}

  /** Whether text is written as an intrinsic function call ({@code States.<Name>(...)}), valid or not. */
  public static boolean looksLikeCall(String text) {
    return text.startsWith("States.");
  }

  /** Evaluates a call; failures are {@code States.Runtime} with AWS's message. */
  public static JsonNode evaluate(String call, PathRoots roots) {
    return evaluate(call, roots, "", "");
  }

  /**
   * Evaluates a call written in a template: {@code fieldName} ({@code "x.$"}) names the field when a path argument
   * misses, {@code location} (where the field sits in its template) keeps random values of two fields apart.
   */
  static JsonNode evaluate(String call, PathRoots roots, String fieldName, String location) {
    return new IntrinsicEvaluator(roots, fieldName, location).evaluate(parsed(call));
  }

  /** The problem with a call's syntax, or empty when it parses. */
  public static Optional<String> validate(String call) {
    return PARSED.get(call, Intrinsics::parse).syntaxProblem();
  }

  private static Call parsed(String call) {
    Parsed parsed = PARSED.get(call, Intrinsics::parse);
    if (parsed instanceof Valid valid) {
      return valid.call();
    }
    throw new IllegalArgumentException("Expected a valid intrinsic function call, but got " + call + ": "
        + parsed.syntaxProblem().orElse(""));
  }

  private static Parsed parse(String call) {
    try {
      return new Valid(IntrinsicParser.parse(call));
    } catch (IntrinsicParser.SyntaxError e) {
      return new Invalid(e.getMessage());
    }
  }

  private sealed interface Parsed permits Valid, Invalid {
    default Optional<String> syntaxProblem() {
      return this instanceof Invalid invalid ? Optional.of(invalid.problem) : Optional.empty();
    }
  }

  private record Valid(Call call) implements Parsed {}

  private record Invalid(String problem) implements Parsed {}
}
