package dev.stepfold.asl;

import java.util.Objects;
import java.util.Optional;

/** {@code Next} or {@code End}. */
public record Transition(Optional<String> next) {
  public static final Transition END = new Transition(Optional.empty());

  public Transition {
    Objects.requireNonNull(next, "next");
  }

  public static Transition to(String stateName) {
    return new Transition(Optional.of(stateName));
  }

  public boolean isEnd() {
    return next.isEmpty();
  }
}
