package dev.stepfold.streams;

import java.util.Objects;
import java.util.Optional;

/**
 * ListExecutions' members as they came: {@code statusFilter} and {@code redriveFilter} as their enum text,
 * {@code maxResults} 0 for the default page size.
 */
public record ListExecutionsRequest(
    String stateMachineArn, Optional<String> statusFilter, Optional<String> redriveFilter, int maxResults, Optional<String> nextToken) {
  public ListExecutionsRequest {
    Objects.requireNonNull(statusFilter, "statusFilter");
    Objects.requireNonNull(redriveFilter, "redriveFilter");
    Objects.requireNonNull(nextToken, "nextToken");
  }

  /** The first page of a state machine's executions, unfiltered, of the default size. */
  public static ListExecutionsRequest of(String stateMachineArn) {
    return new ListExecutionsRequest(stateMachineArn, Optional.empty(), Optional.empty(), 0, Optional.empty());
  }
}
