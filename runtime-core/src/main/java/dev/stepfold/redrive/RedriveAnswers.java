package dev.stepfold.redrive;

import dev.stepfold.error.ApiError;
import dev.stepfold.maprun.MapRunCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answers stepfold adopts to the open questions of the redrive specification (Q1–Q25): behaviours AWS does not
 * document. Each answer that is a value or a choice is here, named after its question, so that a recording against
 * AWS that settles one changes one line; the engine, the eligibility check, the map run and the tests read them from
 * here. The answers that are a shape of history live each in one method: Q2 and Q15 (the unsuccessful state entered
 * again with its input) in {@code Redrive.resume}; Q16 (MapRunRedriven, or MapRunStarted for R43/R44) in
 * {@code DistributedMapBehavior.start}; Q25 in {@code Redrive.start}; Q6 and Q7 follow from re-entering the state
 * (its Wait and heartbeat clocks start again); Q18 (variables as they were) from the fold; Q5, Q9, Q12, Q20–Q22 are
 * the ordinary behaviour of the API and the engine and need no code of their own.
 */
public final class RedriveAnswers {
  private RedriveAnswers() {}

  /** The checks of a redrive's eligibility, by the rule each stands for. */
  public enum Check { EXPRESS_TYPE, STATUS, STATE_MACHINE_DELETING, LAUNCH_DATE, MAX_EXECUTION_TIME, HISTORY_FULL, REDRIVABLE_PERIOD }

  /**
   * Q19: the order of the eligibility checks (R1, R2, R7, R6, R4, R5, R3); the first that fails gives the reason, for
   * RedriveExecution and DescribeExecution alike. (Existence is checked before any of them.)
   */
  public static final List<Check> CHECK_ORDER = List.of(Check.EXPRESS_TYPE, Check.STATUS, Check.STATE_MACHINE_DELETING, Check.LAUNCH_DATE,
      Check.MAX_EXECUTION_TIME, Check.HISTORY_FULL, Check.REDRIVABLE_PERIOD);

  /** Q1: ExecutionNotRedrivable's message is the {@code redriveStatusReason} that applies (R11), nothing added. */
  public static String notRedrivableMessage(String redriveStatusReason) {
    return redriveStatusReason;
  }

  /** Q3: ExecutionRedriven follows no event. */
  public static final long EXECUTION_REDRIVEN_PREVIOUS_EVENT_ID = 0;

  /** Q3: the first state the redrive enters again follows no event either, as the first state after ExecutionStarted. */
  public static final long REENTERED_STATE_PREVIOUS_EVENT_ID = 0;

  /** Q4: the {@code redriveCount} ExecutionRedriven carries counts the redrive it records (1 for the first). */
  public static int redriveCountInEvent(int redrivesBefore) {
    return redrivesBefore + 1;
  }

  /**
   * Q10: the one-year maximum execution time counts from the original start, not from the last redrive (the
   * state machine's own TimeoutSeconds starts again, R27).
   */
  public static Instant maxExecutionTimeCountsFrom(Instant startDate, Optional<Instant> lastRedriveDate) {
    return startDate;
  }

  /** Q11: the 14 days run from the most recent close, to the millisecond (no rounding to days). */
  public static Instant redrivablePeriodCountsFrom(Instant lastStopDate) {
    return lastStopDate;
  }

  /** Q13: RedriveExecution on an {@code express:} execution ARN is refused as AWS refuses it on the other operations. */
  public static final ApiError EXPRESS_ARN_ERROR = ApiError.INVALID_ARN;
  public static final String EXPRESS_ARN_MESSAGE = "Invalid Arn: 'Resource type not valid in this context: express'";

  /**
   * Q14: an unsuccessful EXPRESS child of a Distributed Map reports {@code REDRIVABLE_BY_MAP_RUN}: only its map run
   * can run it again. STANDARD children report REDRIVABLE / NOT_REDRIVABLE by their own rules.
   */
  public static final String EXPRESS_MAP_RUN_CHILD_REDRIVE_STATUS = "REDRIVABLE_BY_MAP_RUN";

  /**
   * Q17, Q24: after a map run redrive, the tolerated failure threshold is judged over the whole map run: every item
   * with its latest outcome, children that could not be redriven counted as failed (R46); a breach fails it again.
   */
  public static long failuresTowardThreshold(MapRunCounts wholeMapRun) {
    return wholeMapRun.failed() + wholeMapRun.timedOut() + wholeMapRun.aborted();
  }

  /**
   * Q23: a redrive that arrives while the parent's map run is still closing is accepted and waits for the map run
   * to close; ExecutionRedriven is appended, and redriveCount incremented, only then.
   */
  public static final boolean REDRIVE_WAITS_FOR_CLOSING_MAP_RUN = true;
}
