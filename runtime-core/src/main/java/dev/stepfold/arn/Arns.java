package dev.stepfold.arn;

/**
 * Reads the colon-separated segments of an ARN in place: ARNs are checked and taken apart for every command and event,
 * so this allocates nothing but the segment asked for.
 */
final class Arns {
  private Arns() {}

  static void requireResource(String value, String... resourceTypes) {
    if (value == null) {
      throw new IllegalArgumentException("Expected an ARN, but got null");
    }
    if (!value.startsWith("arn:") || !segmentIs(value, 2, "states") || !resourceTypeIsOneOf(value, resourceTypes)
        || start(value, 6) < 0 || end(value, 6) == start(value, 6)) {
      throw new IllegalArgumentException("Invalid Arn: '" + value + "'");
    }
  }

  static String segment(String value, int index) {
    var start = start(value, index);
    return start < 0 ? "" : value.substring(start, end(value, index));
  }

  /** Everything before segment {@code index}, its colon included. */
  static String prefix(String value, int index) {
    return value.substring(0, start(value, index));
  }

  private static boolean resourceTypeIsOneOf(String value, String... resourceTypes) {
    for (var resourceType : resourceTypes) {
      if (segmentIs(value, 5, resourceType)) {
        return true;
      }
    }
    return false;
  }

  private static boolean segmentIs(String value, int index, String expected) {
    var start = start(value, index);
    return start >= 0 && end(value, index) - start == expected.length() && value.startsWith(expected, start);
  }

  /** Where segment {@code index} starts, or -1 when the ARN has fewer segments. */
  private static int start(String value, int index) {
    var at = 0;
    for (var i = 0; i < index; i++) {
      at = value.indexOf(':', at);
      if (at < 0) {
        return -1;
      }
      at++;
    }
    return at;
  }

  private static int end(String value, int index) {
    var end = value.indexOf(':', start(value, index));
    return end < 0 ? value.length() : end;
  }
}
