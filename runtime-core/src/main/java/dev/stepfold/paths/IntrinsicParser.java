package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.paths.IntrinsicExpression.Call;
import dev.stepfold.paths.IntrinsicExpression.Literal;
import dev.stepfold.paths.IntrinsicExpression.PathArgument;
import dev.stepfold.paths.IntrinsicExpression.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive descent over {@code States.Name(argument, ...)}; an argument is a quoted string (escapes {@code \'},
 * {@code \{}, {@code \}}, {@code \\} only), a number, {@code true}, {@code false}, {@code null}, a JSONPath or a call.
 */
final class IntrinsicParser {
  private static final String PREFIX = "States.";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final String text;
  private int at;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /** The call, or a {@link SyntaxError} saying what is wrong with it. */
  static Call parse(String text) {
    IntrinsicParser parser = new IntrinsicParser(text);
    parser.skipSpaces();
    Call call = parser.call();
    parser.skipSpaces();
    if (parser.at != text.length()) {
      throw parser.error("unexpected text after the call");
    }
    return call;
  }

  private Call call() {
    if (!text.startsWith(PREFIX, at)) {
      throw error("expected 'States.'");
    }
    at += PREFIX.length();
    int nameStart = at;
    while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
      at++;
    }
    String name = text.substring(nameStart, at);
    IntrinsicFunction function = IntrinsicFunction.byName(name)
        .orElseThrow(() -> error("unknown function 'States." + name + "'"));
    skipSpaces();
    expect('(');
    List<IntrinsicExpression> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      at++;
      return new Call(function, arguments);
    }
    while (true) {
      skipSpaces();
      arguments.add(argument());
      skipSpaces();
      char next = peek();
      at++;
      if (next == ')') {
        return new Call(function, arguments);
      }
      if (next != ',') {
        at--;
        throw error("expected ',' or ')'");
      }
    }
  }

  private IntrinsicExpression argument() {
    char first = peek();
    if (first == '\'') {
      return text();
    }
    if (first == '$') {
      return path();
    }
    if (text.startsWith(PREFIX, at)) {
      return call();
    }
    for (String keyword : List.of("true", "false", "null")) {
      if (text.startsWith(keyword, at)) {
        at += keyword.length();
        return new Literal(keywordValue(keyword));
      }
    }
    Matcher number = NUMBER.matcher(text).region(at, text.length());
    if (number.lookingAt()) {
      at = number.end();
      return new Literal(numberValue(number.group()));
    }
    throw error("expected an argument");
  }

  private static JsonNode keywordValue(String keyword) {
    return switch (keyword) {
      case "true" -> JsonValues.NODES.booleanNode(true);
      case "false" -> JsonValues.NODES.booleanNode(false);
      default -> JsonValues.NODES.nullNode();
    };
  }

  private static JsonNode numberValue(String literal) {
    BigDecimal value = new BigDecimal(literal);
    if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
      try {
        return JsonValues.NODES.numberNode(value.intValueExact());
      } catch (ArithmeticException notAnInt) {
        try {
          return JsonValues.NODES.numberNode(value.longValueExact());
        } catch (ArithmeticException notALong) {
          return JsonValues.NODES.numberNode(value.toBigInteger());
        }
      }
    }
    return JsonValues.NODES.numberNode(value.doubleValue());
  }

  private Text text() {
    at++;
    StringBuilder value = new StringBuilder();
    StringBuilder part = new StringBuilder();
    List<String> parts = new ArrayList<>();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '\'') {
        parts.add(part.toString());
        return new Text(value.toString(), parts);
      }
      if (c == '\\') {
        char escaped = at < text.length() ? text.charAt(at++) : 0;
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          throw error("illegal escape sequence");
        }
        value.append(escaped);
        part.append(escaped);
      } else if (c == '{' && peek() == '}') {
        at++;
        value.append("{}");
        parts.add(part.toString());
        part.setLength(0);
      } else {
        value.append(c);
        part.append(c);
      }
    }
  }

  /**
   * A path runs to the next ',' or ')' outside brackets, parentheses and quotes (filters may hold both); a quoted name
   * may hold escaped quotes ({@code $['it\'s']}).
   */
  private PathArgument path() {
    int start = at;
    int depth = 0;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (PathSteps.isQuote(c)) {
        int closing = PathSteps.closingQuote(text, at);
        at = closing < 0 ? text.length() : closing + 1;
        continue;
      }
      if (c == '[' || c == '(') {
        depth++;
      } else if ((c == ']' || c == ')') && depth > 0) {
        depth--;
      } else if (depth == 0 && (c == ',' || c == ')')) {
        break;
      }
      at++;
    }
    String path = text.substring(start, at).strip();
    if (!JsonPaths.isValidPath(path)) {
      throw error("invalid JSONPath '" + path + "'");
    }
    return new PathArgument(path);
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private SyntaxError error(String problem) {
    return new SyntaxError(problem + " at position " + at + " of " + text);
  }

  /** A call that does not parse; the validator reports it, the engine never evaluates it. */
  static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }
}
