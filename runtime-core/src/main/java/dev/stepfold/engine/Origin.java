package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.history.StartedBy;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a command to an execution. The engine answers a command the same whoever sent it; the origin says who else
 * hears of the outcome: a parent's task hears that its child started (or was refused), and for {@code .sync} how it
 * ended; a map run hears how its child ended, or that it refused to be redriven. A start's origin is recorded in
 * {@code ExecutionStarted}, so the execution still knows it when a later command closes it.
 */
public sealed interface Origin {
  Client CLIENT = new Client();
  Timer TIMER = new Timer();

  /** A client of the API, a producer of commands, a task runner or worker. */
  record Client() implements Origin {}

  /** A timer the engine set fell due. */
  record Timer() implements Origin {}

  /** A Task state of a parent execution that calls StartExecution with {@code pattern}; the child reports to it. */
  record ParentTask(ExecutionArn executionArn, TaskToken taskToken, IntegrationPattern pattern) implements Origin {
    public ParentTask {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /**
   * A map run, for its child at {@code index}; {@code redriveCount} is how often the map run had been redriven when it
   * sent the command (above 0, an EXPRESS child that closed runs afresh under its ARN, R47).
   */
  record MapRunChild(MapRunArn mapRunArn, int index, int redriveCount) implements Origin {
    public MapRunChild {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
    }
  }

  /** What {@code ExecutionStarted} records of a start from this origin: who started the execution, unless a client did. */
  default Optional<StartedBy> startedBy() {
    if (this instanceof ParentTask parent) {
      return Optional.of(new StartedBy.ParentTask(parent.executionArn(), parent.taskToken().value(), parent.pattern()));
    }
    if (this instanceof MapRunChild child) {
      return Optional.of(new StartedBy.MapRunChild(child.mapRunArn(), child.index()));
    }
    return Optional.empty();
  }

  /** The origin of the start {@code ExecutionStarted} records; a client when it records none. */
  static Origin of(Optional<StartedBy> startedBy) {
    if (startedBy.isEmpty()) {
      return CLIENT;
    }
    if (startedBy.get() instanceof StartedBy.ParentTask parent) {
      return new ParentTask(parent.executionArn(), new TaskToken(parent.taskToken()), parent.pattern());
    }
    var child = (StartedBy.MapRunChild) startedBy.get();
    return new MapRunChild(child.mapRunArn(), child.index(), 0);
  }
}
