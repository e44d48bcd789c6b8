package dev.stepfold.streams;

import dev.stepfold.engine.ExecutionSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of ListExecutions, newest start first; {@code nextToken} when there are more. */
public record ExecutionPage(List<ExecutionSummary> executions, Optional<String> nextToken) {
  public ExecutionPage {
    executions = List.copyOf(executions);
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
