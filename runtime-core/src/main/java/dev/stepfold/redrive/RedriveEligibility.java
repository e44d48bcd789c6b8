package dev.stepfold.redrive;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StateMachineDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an execution can be redriven now, and if not, AWS's reason (R1–R7, checked in the order of Q19). The same
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

  /** The reason the execution is not redrivable, or empty when it is; no state machine is being deleted. */
  public static Optional<String> notRedrivableReason(ExecutionState execution, Instant now) {
    return notRedrivableReason(execution, now, StateMachineDirectory.NONE_DELETING);
  }

  /** The reason the execution is not redrivable, or empty when it is. */
  public static Optional<String> notRedrivableReason(ExecutionState execution, Instant now, StateMachineDirectory stateMachines) {
    var started = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution"));
    for (var check : RedriveAnswers.CHECK_ORDER) {
      var reason = switch (check) {
        case EXPRESS_TYPE -> started.executionType() == ExecutionType.EXPRESS
            ? Optional.of("Execution is EXPRESS and cannot be redriven") : Optional.<String>empty();
        case STATUS -> execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.SUCCEEDED
            ? Optional.of("Execution is " + execution.status() + " and cannot be redriven") : Optional.<String>empty();
        case STATE_MACHINE_DELETING -> stateMachines.deleting(started.stateMachineArn())
            ? Optional.of("State machine is in DELETING status") : Optional.<String>empty();
        case LAUNCH_DATE -> execution.startDate().orElseThrow().isBefore(LAUNCH)
            ? Optional.of("Execution was started before the launch of RedriveExecution") : Optional.<String>empty();
        case MAX_EXECUTION_TIME -> now.isAfter(RedriveAnswers.maxExecutionTimeCountsFrom(execution.startDate().orElseThrow(),
                execution.redrives().lastDate()).plus(MAX_EXECUTION_TIME))
            ? Optional.of("Execution has exceeded the max execution time") : Optional.<String>empty();
        case HISTORY_FULL -> execution.lastEventId() > MAX_HISTORY_EVENTS_TO_REDRIVE
            ? Optional.of("Execution history event limit exceeded") : Optional.<String>empty();
        case REDRIVABLE_PERIOD -> execution.stopDate()
            .filter(stop -> now.isAfter(RedriveAnswers.redrivablePeriodCountsFrom(stop).plus(REDRIVABLE_PERIOD)))
            .map(stop -> "Execution redrivable period exceeded");
      };
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }
}
