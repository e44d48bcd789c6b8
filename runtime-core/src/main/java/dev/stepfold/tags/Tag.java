package dev.stepfold.tags;

import java.util.Objects;

/** A tag of a state machine or an activity: a key of 1 to 128 characters and a value of 0 to 256. */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
