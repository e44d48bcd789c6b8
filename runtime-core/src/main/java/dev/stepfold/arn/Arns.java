package dev.stepfold.arn;

import java.util.Arrays;

final class Arns {
  private Arns() {}

  static void requireResource(String value, String... resourceTypes) {
    if (value == null) {
      throw new IllegalArgumentException("Expected an ARN, but got null");
    }
    var parts = value.split(":", -1);
    if (parts.length < 7 || !parts[0].equals("arn") || !parts[2].equals("states")
        || Arrays.stream(resourceTypes).noneMatch(parts[5]::equals) || parts[6].isEmpty()) {
      throw new IllegalArgumentException("Invalid Arn: '" + value + "'");
    }
  }

  static String segment(String value, int index) {
    var parts = value.split(":", -1);
    return index < parts.length ? parts[index] : "";
  }
}
