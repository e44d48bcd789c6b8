package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.ExecutionState;
import java.time.Instant;
import java.util.Optional;

/**
 * Deletes what closed a retention period ago (AWS keeps a closed execution 90 days), in the execution processor's task:
 * a wall-clock punctuator ({@link #sweep}) reads the due entries of the {@link RetentionStore}, earliest first, and
 * deletes each one's entity through its store's own operation, until it has deleted about so many store entries, so
 * that a backlog is worked off over several punctuations instead of stalling the stream thread:
 * <ul>
 *   <li>an execution: its snapshot and index entry ({@link ExecutionStore#forget}), any timer left
 *       ({@link TimerStore#removeAll}), and its history, by a tombstone on the history topic ({@link HistoryDeletion}),
 *       from which the history store deletes it; reads then answer {@code ExecutionDoesNotExist}, as AWS does after retention,
 *       and its name can be started again;
 *   <li>a map run: its events ({@link MapRunStore#forget}); its children are executions of their own, each deleted
 *       when its own retention ends;
 *   <li>a finished bulk redrive, on its coordinator and on each partition's shard ({@link BulkRedriveStore}).
 * </ul>
 * Deletes go to the stores' changelogs as tombstones, in the punctuation's transaction. Right after the task started,
 * only what its commands have passed is due, as for timers ({@link TimerGate}): a redrive written before an
 * execution's retention ended is read before the execution is deleted. An execution or map run is
 * deleted only if it is still closed since the time its entry says: one redriven since is open again (or closed later,
 * with an entry of its own), and its old entry is dropped.
 */
final class Retention {
  /** Deletes an execution's history from the history topic's store, in the sweep's transaction. */
  @FunctionalInterface
  interface HistoryDeletion {
    void delete(ExecutionArn executionArn);
  }

  /** How many due entries a sweep reads at a time. */
  private static final int CHUNK = 100;

  private final RetentionStore due;
  private final ExecutionStore executions;
  private final HistoryDeletion histories;
  private final TimerStore timers;
  private final MapRunStore mapRuns;
  private final BulkRedriveStore bulkRedrives;
  private final int maxDeletes;

  Retention(RetentionStore due, ExecutionStore executions, HistoryDeletion histories, TimerStore timers, MapRunStore mapRuns, BulkRedriveStore bulkRedrives, int maxDeletes) {
    this.due = due;
    this.executions = executions;
    this.histories = histories;
    this.timers = timers;
    this.mapRuns = mapRuns;
    this.bulkRedrives = bulkRedrives;
    this.maxDeletes = maxDeletes;
  }

  /**
   * Deletes what is due at {@code now}, earliest first, until it has deleted about {@code maxDeletes} store entries (the
   * entity that reaches the number is deleted whole); returns how many it deleted.
   */
  int sweep(Instant now) {
    int deleted = 0;
    while (deleted < maxDeletes) {
      var entries = due.due(now, CHUNK);
      for (var entry : entries) {
        deleted += delete(entry) + 1;
        due.remove(entry);
        if (deleted >= maxDeletes) {
          return deleted;
        }
      }
      if (entries.size() < CHUNK) {
        return deleted;
      }
    }
    return deleted;
  }

  /** Deletes the entry's entity, unless it has been open since; returns how many store entries that took. */
  private int delete(RetentionStore.Due entry) {
    return switch (entry.kind()) {
      case EXECUTION -> {
        var executionArn = new ExecutionArn(entry.id());
        yield closedSince(executions.closedAt(executionArn), entry) ? forget(executionArn) : 0;
      }
      case MAP_RUN -> {
        var mapRunArn = new MapRunArn(entry.id());
        yield closedSince(mapRuns.closedAt(mapRunArn), entry) ? mapRuns.forget(mapRunArn) : 0;
      }
      case BULK_REDRIVE -> {
        bulkRedrives.forgetCoordination(entry.id());
        yield 1;
      }
      case BULK_REDRIVE_SHARD -> {
        bulkRedrives.forgetDoneShard(entry.id());
        yield 1;
      }
    };
  }

  /** Deletes a closed execution everywhere; returns how many store entries that took, its events included. */
  private int forget(ExecutionArn executionArn) {
    long events = executions.stored(executionArn).map(ExecutionState::lastEventId).orElse(0L);
    histories.delete(executionArn);
    return executions.forget(executionArn) + timers.removeAll(executionArn) + (int) events;
  }

  /** Whether the entity, closed at {@code closedAt} (empty: open, or gone), has not closed again since the entry was written. */
  private static boolean closedSince(Optional<Instant> closedAt, RetentionStore.Due entry) {
    return closedAt.isPresent() && !closedAt.get().isAfter(entry.closedAt());
  }
}
