package dev.stepfold.asl.parse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** RFC 3339 date-times, as Wait's Timestamp requires: {@code 2016-03-14T01:59:00Z}, offset mandatory. */
final class Rfc3339 {
  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private Rfc3339() {}

  static boolean isTimestamp(String text) {
    if (!SHAPE.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
