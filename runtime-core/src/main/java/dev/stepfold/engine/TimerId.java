package dev.stepfold.engine;

import java.util.Objects;

/** Names one timer of an execution; setting a timer again with the same id moves it. */
public record TimerId(String value) {
  public TimerId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
