package dev.stepfold.tasks;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Task's {@code Resource} or a Lambda function's name as a route names it: exact, or with {@code *} for any run of characters. */
record ResourcePattern(String text, Pattern regex) {
  ResourcePattern {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(regex, "regex");
  }

  static ResourcePattern of(String text) {
    var parts = text.split("\\*", -1);
    var regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return new ResourcePattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean matches(String value) {
    return regex.matcher(value).matches();
  }

  /** How much of the text is literal: the more, the more specific the pattern (an exact one is the most). */
  int literalCharacters() {
    return text.replace("*", "").length();
  }

  @Override
  public String toString() {
    return text;
  }
}
