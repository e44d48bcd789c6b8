package dev.stepfold.history;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import java.util.Objects;

/**
 * Who started an execution, when it was not a client: recorded in {@code ExecutionStarted} (not part of AWS's event),
 * so the execution knows whom to tell how it ended when a later command closes it.
 */
public sealed interface StartedBy {
  /** A Task state of {@code executionArn} calling StartExecution; {@code resource} as its TaskScheduled names it. */
  record ParentTask(ExecutionArn executionArn, String taskToken, String resource) implements StartedBy {
    public ParentTask {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(resource, "resource");
    }
  }

  /** A map run, for its child at {@code index}. */
  record MapRunChild(MapRunArn mapRunArn, int index) implements StartedBy {
    public MapRunChild {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
    }
  }
}
