package dev.stepfold.asl;

import java.util.Optional;

/** A Wait: exactly one of {@code seconds} (Seconds/SecondsPath) and {@code timestamp} (Timestamp/TimestampPath) is present. */
public record WaitState(
    String name, QueryLanguage queryLanguage, StateIo io, Optional<ValueSource> seconds, Optional<ValueSource> timestamp,
    Transition transition) implements AslState {
  @Override
  public String typeName() {
    return "Wait";
  }
}
