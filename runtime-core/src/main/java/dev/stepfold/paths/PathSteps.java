package dev.stepfold.paths;

import com.jayway.jsonpath.internal.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The members and indexes of a definite JSONPath, read from its own text: {@code $.name}, {@code $['name']},
 * {@code $["name"]} and {@code $[0]}, in any chain. A bracket name is quoted with either quote; inside it a backslash
 * escapes the next character, so {@code $['a\"b\\c']} and {@code $["a\"b\\c"]} both name {@code a"b\c}. Names are decoded
 * as Jayway decodes them when it reads the path, so what a path writes (ResultPath) is what the same path reads.
 */
final class PathSteps {
  private PathSteps() {}

  sealed interface Step permits Member, Element {}

  record Member(String name) implements Step {}

  record Element(int index) implements Step {}

  /**
   * The steps after the leading {@code $} (or {@code $$}, or a variable's name when {@code from} skips it), or empty
   * when the path is not a chain of single members and indexes (a wildcard, a filter, a slice, several names in one
   * bracket).
   */
  static Optional<List<Step>> of(String path, int from) {
    var steps = new ArrayList<Step>();
    int at = from;
    while (at < path.length()) {
      char c = path.charAt(at);
      if (c == '.') {
        int end = at + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == at + 1 || path.substring(at + 1, end).equals("*")) {
          return Optional.empty();
        }
        steps.add(new Member(path.substring(at + 1, end)));
        at = end;
      } else if (c == '[') {
        int inside = skipSpaces(path, at + 1);
        int close;
        if (inside < path.length() && isQuote(path.charAt(inside))) {
          int quoteEnd = closingQuote(path, inside);
          if (quoteEnd < 0) {
            return Optional.empty();
          }
          steps.add(new Member(Utils.unescape(path.substring(inside + 1, quoteEnd))));
          close = skipSpaces(path, quoteEnd + 1);
        } else {
          close = path.indexOf(']', inside);
          if (close < 0) {
            return Optional.empty();
          }
          try {
            steps.add(new Element(Integer.parseInt(path.substring(inside, close).strip())));
          } catch (NumberFormatException notAnIndex) {
            return Optional.empty();
          }
        }
        if (close >= path.length() || path.charAt(close) != ']') {
          return Optional.empty();
        }
        at = close + 1;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(steps));
  }

  /**
   * The position of the quote that closes the quoted text opened at {@code open}, stepping over backslash escapes;
   * -1 when it is not closed.
   */
  static int closingQuote(String text, int open) {
    char quote = text.charAt(open);
    for (int at = open + 1; at < text.length(); at++) {
      char c = text.charAt(at);
      if (c == '\\') {
        at++;
      } else if (c == quote) {
        return at;
      }
    }
    return -1;
  }

  static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }

  private static int skipSpaces(String text, int from) {
    int at = from;
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
    return at;
  }
}
