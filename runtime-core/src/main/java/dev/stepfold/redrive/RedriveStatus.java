package dev.stepfold.redrive;

import dev.stepfold.engine.ExecutionState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The redrive fields DescribeExecution and ListExecutions report, computed from the folded execution: the count and
 * date of the last redrive (R60), whether it can be redriven now and why not (R10, R11, from the same eligibility
 * check RedriveExecution uses), and which side of ListExecutions' {@code redriveFilter} it is on (R61).
 */
public record RedriveStatus(
    int redriveCount, Optional<Instant> redriveDate, String redriveStatus, Optional<String> redriveStatusReason, String redriveFilter) {
  public static final String REDRIVABLE = "REDRIVABLE";
  public static final String NOT_REDRIVABLE = "NOT_REDRIVABLE";
  public static final String REDRIVEN = "REDRIVEN";
  public static final String NOT_REDRIVEN = "NOT_REDRIVEN";

  public RedriveStatus {
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
    Objects.requireNonNull(redriveStatusReason, "redriveStatusReason");
    Objects.requireNonNull(redriveFilter, "redriveFilter");
  }

  public static RedriveStatus of(ExecutionState execution, Instant now) {
    var redrives = execution.redrives();
    var reason = RedriveEligibility.notRedrivableReason(execution, now);
    return new RedriveStatus(redrives.count(), redrives.lastDate(), reason.isPresent() ? NOT_REDRIVABLE : REDRIVABLE, reason,
        redrives.count() > 0 ? REDRIVEN : NOT_REDRIVEN);
  }
}
