package dev.stepfold.history;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import java.util.Objects;

/**
 * Who started an execution, when it was not a client: recorded in {@code ExecutionStarted} (not part of AWS's event),
 * so the execution knows whom to tell how it ended when a later command closes it.
 */
public sealed interface StartedBy {
  /** A Task state of {@code executionArn} calling StartExecution with {@code pattern}. */
  record ParentTask(ExecutionArn executionArn, String taskToken, IntegrationPattern pattern) implements StartedBy {
    public ParentTask {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** A map run, for its child at {@code index}. */
  record MapRunChild(MapRunArn mapRunArn, int index) implements StartedBy {
    public MapRunChild {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
    }
  }
}
