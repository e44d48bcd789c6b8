package dev.stepfold.local;

import dev.stepfold.maprun.MapRun;
import java.util.Map;
import java.util.Objects;

/** A map run a local run carried out: its state, and the run of each child execution it started, by item index. */
public record LocalMapRun(MapRun mapRun, Map<Integer, LocalRun> children) {
  public LocalMapRun {
    Objects.requireNonNull(mapRun, "mapRun");
    children = Map.copyOf(children);
  }
}
