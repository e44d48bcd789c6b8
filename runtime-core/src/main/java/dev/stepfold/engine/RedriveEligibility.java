package dev.stepfold.engine;

import dev.stepfold.asl.ExecutionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether an execution can be redriven now, and if not, AWS's reason (R1–R7, checked in the order of Q19). The same
 * answer serves RedriveExecution (Q1: the message of ExecutionNotRedrivable is the reason, nothing added) and
 * DescribeExecution's {@code redriveStatusReason} (R10, R11).
 */
public final class RedriveEligibility {
  /** The checks of a redrive's eligibility, by the rule each stands for. */
  public enum Check { EXPRESS_TYPE, STATUS, STATE_MACHINE_DELETING, LAUNCH_DATE, MAX_EXECUTION_TIME, HISTORY_FULL, REDRIVABLE_PERIOD }

  /**
   * Q19: the order of the checks (R1, R2, R7, R6, R4, R5, R3); the first that fails gives the reason, for
   * RedriveExecution and DescribeExecution alike. (Existence is checked before any of them.)
   */
  public static final List<Check> CHECK_ORDER = List.of(Check.EXPRESS_TYPE, Check.STATUS, Check.STATE_MACHINE_DELETING, Check.LAUNCH_DATE,
      Check.MAX_EXECUTION_TIME, Check.HISTORY_FULL, Check.REDRIVABLE_PERIOD);

  /** R3: a closed execution can be redriven for 14 days after it last closed, to the millisecond (Q11: no rounding to days). */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
  /**
   * R4: the longest a Standard execution may be open, counted from its original start (Q10: not from its last redrive;
   * the state machine's own TimeoutSeconds starts again, R27).
   */
  public static final Duration MAX_EXECUTION_TIME = Duration.ofDays(365);
  /** R5: the history must have room for ExecutionRedriven and one more event. */
  public static final long MAX_HISTORY_EVENTS_TO_REDRIVE = 24_998;
  /** R6: RedriveExecution launched on this day; earlier executions are not eligible. */
  public static final Instant LAUNCH = Instant.parse("2023-11-15T00:00:00Z");

  private RedriveEligibility() {}

  /** The reason the execution is not redrivable, or empty when it is; no state machine is being deleted. */
  public static Optional<String> notRedrivableReason(ExecutionState execution, Instant now) {
    return notRedrivableReason(execution, now, StateMachineDirectory.NONE_DELETING);
  }

  /** The reason the execution is not redrivable, or empty when it is. */
  public static Optional<String> notRedrivableReason(ExecutionState execution, Instant now, StateMachineDirectory stateMachines) {
    var started = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution"));
    for (var check : CHECK_ORDER) {
      var reason = switch (check) {
        case EXPRESS_TYPE -> started.executionType() == ExecutionType.EXPRESS
            ? Optional.of("Execution is EXPRESS and cannot be redriven") : Optional.<String>empty();
        case STATUS -> execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.SUCCEEDED
            ? Optional.of("Execution is " + execution.status() + " and cannot be redriven") : Optional.<String>empty();
        case STATE_MACHINE_DELETING -> stateMachines.deleting(started.stateMachineArn())
            ? Optional.of("State machine is in DELETING status") : Optional.<String>empty();
        case LAUNCH_DATE -> execution.startDate().orElseThrow().isBefore(LAUNCH)
            ? Optional.of("Execution was started before the launch of RedriveExecution") : Optional.<String>empty();
        case MAX_EXECUTION_TIME -> now.isAfter(execution.startDate().orElseThrow().plus(MAX_EXECUTION_TIME))
            ? Optional.of("Execution has exceeded the max execution time") : Optional.<String>empty();
        case HISTORY_FULL -> execution.lastEventId() > MAX_HISTORY_EVENTS_TO_REDRIVE
            ? Optional.of("Execution history event limit exceeded") : Optional.<String>empty();
        case REDRIVABLE_PERIOD -> execution.stopDate()
            .filter(stop -> now.isAfter(stop.plus(REDRIVABLE_PERIOD)))
            .map(stop -> "Execution redrivable period exceeded");
      };
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }
}
