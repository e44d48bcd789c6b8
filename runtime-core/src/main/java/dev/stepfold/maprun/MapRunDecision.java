package dev.stepfold.maprun;

import dev.stepfold.engine.Command;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the map run does next: the events it records, the children it starts or stops, and, once it ended, the
 * command that tells its parent execution.
 */
public record MapRunDecision(
    List<MapRunEvent> events,
    MapRun mapRun,
    List<ChildStart> childStarts,
    List<Command.StopExecution> childStops,
    Optional<Command.CompleteMapRun> completion) {
  /** A child to start: the item index it runs, and its StartExecution. */
  public record ChildStart(int index, Command.StartExecution start) {
    public ChildStart {
      Objects.requireNonNull(start, "start");
    }
  }

  public MapRunDecision {
    events = List.copyOf(events);
    Objects.requireNonNull(mapRun, "mapRun");
    childStarts = List.copyOf(childStarts);
    childStops = List.copyOf(childStops);
    Objects.requireNonNull(completion, "completion");
  }
}
