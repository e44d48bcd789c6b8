package dev.stepfold.redrive;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an execution can be redriven now, and if not, AWS's reason (R2–R6, checked in the order of Q19). The same
 * answer serves RedriveExecution (the message of ExecutionNotRedrivable, Q1) and DescribeExecution's
 * {@code redriveStatusReason} (R10, R11).
 */
public final class RedriveEligibility {
  /** R3: a closed execution can be redriven for 14 days after it closed (Q11). */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
  /** R4: the longest a Standard execution may be open. */
  public static final Duration MAX_EXECUTION_TIME = Duration.ofDays(365);
  /** R5: the history must have room for ExecutionRedriven and one more event. */
  public static final long MAX_HISTORY_EVENTS_TO_REDRIVE = 24_998;
  /** R6: RedriveExecution launched on this day; earlier executions are not eligible. */
  public static final Instant LAUNCH = Instant.parse("2023-11-15T00:00:00Z");

  private RedriveEligibility() {}

  /** The reason the execution is not redrivable, or empty when it is. */
  public static Optional<String> notRedrivableReason(ExecutionState execution, Instant now) {
    var started = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution"));
    if (started.executionType() == ExecutionType.EXPRESS) {
      return Optional.of("Execution is EXPRESS and cannot be redriven");
    }
    if (execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.SUCCEEDED) {
      return Optional.of("Execution is " + execution.status() + " and cannot be redriven");
    }
    var startDate = execution.startDate().orElseThrow();
    if (startDate.isBefore(LAUNCH)) {
      return Optional.of("Execution was started before the launch of RedriveExecution");
    }
    if (now.isAfter(startDate.plus(MAX_EXECUTION_TIME))) {
      return Optional.of("Execution has exceeded the max execution time");
    }
    if (execution.lastEventId() > MAX_HISTORY_EVENTS_TO_REDRIVE) {
      return Optional.of("Execution history event limit exceeded");
    }
    if (execution.stopDate().map(stop -> now.isAfter(stop.plus(REDRIVABLE_PERIOD))).orElse(false)) {
      return Optional.of("Execution redrivable period exceeded");
    }
    return Optional.empty();
  }
}
