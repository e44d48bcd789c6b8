package dev.stepfold.maprun;

import dev.stepfold.engine.Command;
import dev.stepfold.engine.Reply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the map run does next: the events it records, the children it starts, redrives or stops, and what it tells its
 * parent execution: the completion once it ended, and any redrive of the parent that waited for it to close (Q23); and
 * the reply to a command a caller waits on (UpdateMapRun).
 */
public record MapRunDecision(
    List<MapRunEvent> events,
    MapRun mapRun,
    List<ChildStart> childStarts,
    List<ChildRedrive> childRedrives,
    List<Command.StopExecution> childStops,
    Optional<Command.CompleteMapRun> completion,
    List<Command.RedriveExecution> parentRedrives,
    Optional<Reply> reply) {
  /** Work for one child execution: start it or redrive it. */
  public sealed interface ChildWork permits ChildStart, ChildRedrive {
    /** The item (or batch) index the child runs. */
    int index();
  }

  /** A child to start: the item index it runs, and its StartExecution (EXPRESS children rerun this way too, R47). */
  public record ChildStart(int index, Command.StartExecution start) implements ChildWork {
    public ChildStart {
      Objects.requireNonNull(start, "start");
    }
  }

  /** A STANDARD child to redrive (R45): the item index it runs, and its RedriveExecution. */
  public record ChildRedrive(int index, Command.RedriveExecution redrive) implements ChildWork {
    public ChildRedrive {
      Objects.requireNonNull(redrive, "redrive");
    }
  }

  public MapRunDecision {
    events = List.copyOf(events);
    Objects.requireNonNull(mapRun, "mapRun");
    childStarts = List.copyOf(childStarts);
    childRedrives = List.copyOf(childRedrives);
    childStops = List.copyOf(childStops);
    Objects.requireNonNull(completion, "completion");
    parentRedrives = List.copyOf(parentRedrives);
    Objects.requireNonNull(reply, "reply");
  }

  /** A decision on a command no one waits on for an answer: the map run's internal ones. */
  public MapRunDecision(List<MapRunEvent> events, MapRun mapRun, List<ChildStart> childStarts, List<ChildRedrive> childRedrives,
      List<Command.StopExecution> childStops, Optional<Command.CompleteMapRun> completion, List<Command.RedriveExecution> parentRedrives) {
    this(events, mapRun, childStarts, childRedrives, childStops, completion, parentRedrives, Optional.empty());
  }
}
