package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A field that is given either as a value or read at run time: {@code TimeoutSeconds} / {@code TimeoutSecondsPath},
 * Wait's {@code Seconds} / {@code SecondsPath} and {@code Timestamp} / {@code TimestampPath}, Fail's
 * {@code Error} / {@code ErrorPath} (a path or an intrinsic function), {@code MaxConcurrency(Path)}, and the same
 * fields as JSONata expressions ({@code "{% ... %}"}).
 */
public sealed interface ValueSource {
  record Literal(JsonNode value) implements ValueSource {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A reference path (or, for Fail's ErrorPath/CausePath, an intrinsic function call) read from the state's input. */
  record Path(String path) implements ValueSource {
    public Path {
      Objects.requireNonNull(path, "path");
    }
  }

  /** A JSONata expression without its {@code {% %}} delimiters. */
  record Jsonata(String expression) implements ValueSource {
    public Jsonata {
      Objects.requireNonNull(expression, "expression");
    }
  }
}
