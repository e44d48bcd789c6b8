package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** JSONata expressions as written in a definition: a string {@code "{% expression %}"}. */
final class Jsonata {
  private Jsonata() {}

  static boolean isExpression(JsonNode value) {
    return value != null && value.isTextual() && isExpression(value.textValue());
  }

  static boolean isExpression(String text) {
    return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
  }

  /** Opens an expression but does not close it. */
  static boolean isMalformed(JsonNode value) {
    return value.isTextual() && value.textValue().startsWith("{%") && !isExpression(value.textValue());
  }

  /** The expression without its delimiters. */
  static String body(String text) {
    return text.substring(2, text.length() - 2).trim();
  }
}
