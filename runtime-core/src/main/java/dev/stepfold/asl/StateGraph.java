package dev.stepfold.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A {@code StartAt} and its {@code States}: the top level of a definition, a Parallel branch, or a Map's item processor. */
public record StateGraph(String startAt, Map<String, AslState> states) {
  public StateGraph {
    Objects.requireNonNull(startAt, "startAt");
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states)); // definition order is kept
  }

  public AslState state(String name) {
    var state = states.get(name);
    if (state == null) {
      throw new IllegalStateException("Expected a state named '" + name + "', but the graph has " + states.keySet());
    }
    return state;
  }

  public AslState start() {
    return state(startAt);
  }
}
