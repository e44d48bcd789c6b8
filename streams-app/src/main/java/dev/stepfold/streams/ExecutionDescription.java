package dev.stepfold.streams;

import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.redrive.RedriveStatus;
import java.util.Objects;

/** What DescribeExecution shows: the execution's summary and its redrive status now. */
public record ExecutionDescription(ExecutionSummary summary, RedriveStatus redriveStatus) {
  public ExecutionDescription {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
  }
}
