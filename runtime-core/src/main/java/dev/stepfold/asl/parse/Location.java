package dev.stepfold.asl.parse;

import java.util.Objects;

/** Where a diagnostic points, written as AWS writes it: {@code /States/Choose/Choices[0]/Next}, {@code /} for the root. */
record Location(String pointer) {
  static final Location ROOT = new Location("/");

  Location {
    Objects.requireNonNull(pointer, "pointer");
  }

  Location field(String name) {
    return new Location(pointer.equals("/") ? "/" + name : pointer + "/" + name);
  }

  Location index(int index) {
    return new Location(pointer + "[" + index + "]");
  }
}
