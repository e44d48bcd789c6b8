package dev.stepfold.nested;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import java.util.Objects;

/** The parent's task that started a nested execution: where that execution reports. */
public record ParentTask(ExecutionArn executionArn, TaskToken taskToken, NestedPattern pattern) {
  public ParentTask {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(pattern, "pattern");
  }
}
