package dev.stepfold.engine;

import dev.stepfold.error.StatesError;
import java.util.Optional;

/**
 * The documented rules that decide how much of an unsuccessful Parallel or Map a redrive runs again, in one place for
 * the engine's fold, its decisions and the redrive plan.
 */
public final class RedriveRules {
  /** R51: a Map Run can be redriven at most this many times. */
  public static final int MAX_MAP_RUN_REDRIVES = 1_000;

  private RedriveRules() {}

  /**
   * R37 (and R44 for a Distributed Map): an execution that failed with {@code States.DataLimitExceeded} reruns its
   * unsuccessful Parallel or Map in full, the branches, iterations and children that succeeded included. The failure
   * runs from the top-level state down, so the top-level state is the one to rerun in full.
   */
  public static boolean rerunsInFull(Optional<String> closeError) {
    return closeError.filter(StatesError.DATA_LIMIT_EXCEEDED::equals).isPresent();
  }

  /**
   * Whether a redrive of a Distributed Map redrives its map run (R42) or starts a new one: a map run that never
   * started its children (its item reader failed, R43) starts afresh, and so does one that failed with
   * {@code States.DataLimitExceeded} or {@code States.Runtime}, or whose results failed the Map state after it
   * succeeded (R44).
   */
  public static boolean redrivesSameMapRun(MapRunRecord mapRun) {
    if (mapRun.status() == MapRunStatus.SUCCEEDED) {
      return false;
    }
    var error = mapRun.failure().map(StatesError::error).orElse("");
    return !error.equals(StatesError.DATA_LIMIT_EXCEEDED) && !error.equals(StatesError.RUNTIME) && !error.equals(StatesError.ITEM_READER_FAILED);
  }

  /** R51's refusal, as the Map state fails with it. */
  public static String mapRunRedriveLimitCause(String mapRunArn) {
    return "The Map Run '" + mapRunArn + "' has been redriven " + MAX_MAP_RUN_REDRIVES + " times, the most a Map Run can be redriven.";
  }
}
