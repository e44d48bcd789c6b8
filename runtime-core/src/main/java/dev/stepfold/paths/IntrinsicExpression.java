package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** A parsed intrinsic function call or one of its arguments. */
sealed interface IntrinsicExpression {

  record Call(IntrinsicFunction function, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
    public Call {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
    }
  }

  /** A number, boolean or null written in the call. */
  record Literal(JsonNode value) implements IntrinsicExpression {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A quoted string, escapes resolved. {@code formatParts} is the text around its unescaped {@code {}} placeholders,
   * which only States.Format reads: an escaped {@code \{\}} is text, not a placeholder.
   */
  record Text(String value, List<String> formatParts) implements IntrinsicExpression {
    public Text {
      Objects.requireNonNull(value, "value");
      formatParts = List.copyOf(formatParts);
    }
  }

  /** A JSONPath on the input ({@code $}) or the context object ({@code $$}). */
  record PathArgument(String path) implements IntrinsicExpression {
    public PathArgument {
      Objects.requireNonNull(path, "path");
    }
  }
}
