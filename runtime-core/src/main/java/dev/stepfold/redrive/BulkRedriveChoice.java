package dev.stepfold.redrive;

import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.RedriveEligibility;
import java.time.Instant;
import java.util.Objects;

/** What a bulk redrive does with one execution of its state machine. */
public sealed interface BulkRedriveChoice {
  /** The execution does not match the filter: the bulk redrive leaves it alone and does not report it. */
  record NotSelected() implements BulkRedriveChoice {}

  /** The execution matches and can be redriven now. */
  record Redrive() implements BulkRedriveChoice {}

  /** The execution matches but cannot be redriven, for {@code reason} (the redriveStatusReason DescribeExecution gives). */
  record Skip(String reason) implements BulkRedriveChoice {
    public Skip {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The choice for {@code execution} at {@code now}, with the same eligibility check as a single redrive. */
  static BulkRedriveChoice of(ExecutionState execution, BulkRedriveFilter filter, Instant now) {
    if (!filter.matches(execution)) {
      return new NotSelected();
    }
    return RedriveEligibility.notRedrivableReason(execution, now).<BulkRedriveChoice>map(Skip::new).orElseGet(Redrive::new);
  }
}
