package dev.stepfold.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a list of states runs: the root, a Parallel branch or a Map iteration. It has at most one active state, and
 * {@code lastEventId} is the last event of its flow, which the next event of the flow names as previousEventId.
 */
public record Scope(Optional<ActiveState> active, long lastEventId) {
  public static final Scope EMPTY = new Scope(Optional.empty(), 0);

  public Scope {
    Objects.requireNonNull(active, "active");
  }
}
