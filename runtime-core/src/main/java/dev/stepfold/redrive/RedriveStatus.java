package dev.stepfold.redrive;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.RedriveEligibility;
import dev.stepfold.engine.StateMachineDirectory;
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
  /**
   * Q14: an unsuccessful EXPRESS child of a Distributed Map can be run again only by its map run. STANDARD children
   * report REDRIVABLE / NOT_REDRIVABLE by their own rules.
   */
  public static final String REDRIVABLE_BY_MAP_RUN = "REDRIVABLE_BY_MAP_RUN";

  public RedriveStatus {
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
    Objects.requireNonNull(redriveStatusReason, "redriveStatusReason");
    Objects.requireNonNull(redriveFilter, "redriveFilter");
  }

  public static RedriveStatus of(ExecutionState execution, Instant now) {
    return of(execution, now, StateMachineDirectory.NONE_DELETING);
  }

  public static RedriveStatus of(ExecutionState execution, Instant now, StateMachineDirectory stateMachines) {
    var redrives = execution.redrives();
    var filter = redrives.filter();
    if (redrivableByMapRun(execution)) {
      return new RedriveStatus(redrives.count(), redrives.lastDate(), REDRIVABLE_BY_MAP_RUN, Optional.empty(), filter);
    }
    var reason = RedriveEligibility.notRedrivableReason(execution, now, stateMachines);
    return new RedriveStatus(redrives.count(), redrives.lastDate(), reason.isPresent() ? NOT_REDRIVABLE : REDRIVABLE, reason, filter);
  }

  /** Q14: an unsuccessful EXPRESS child of a map run can be run again only by its map run. */
  private static boolean redrivableByMapRun(ExecutionState execution) {
    var started = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution"));
    return started.executionType() == ExecutionType.EXPRESS && started.executionArn().isMapRunChild() && execution.status().isClosed()
        && execution.status() != ExecutionStatus.SUCCEEDED;
  }
}
