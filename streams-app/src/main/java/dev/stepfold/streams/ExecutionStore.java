package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stores of executions, behind the two operations the processor needs: load an execution and store what a command
 * decided.
 * <ul>
 *   <li>executions: the snapshot of each started execution's {@link ExecutionState} by its ARN
 *       ({@link ExecutionSnapshots}), written once per command that appends events, so loading an execution never folds
 *       its history;
 *   <li>execution index: an empty entry per execution, keyed by {@link ExecutionKeys#indexKey} (state machine, newest
 *       start first), for ListExecutions, written when it starts.
 * </ul>
 * The events themselves go to the history topic only; the history store is built from that topic
 * ({@link HistoryTopicStore}). Loaded states are cached in memory (least recently used first out, bounded), so the hot
 * path decodes nothing. The cache belongs to one processor, that is one task; {@link #clearCache()} is called when the
 * task (re)starts, because a task revived after an aborted transaction starts from its stores again.
 */
final class ExecutionStore {
  private static final byte[] INDEXED = new byte[0];

  private final KeyValueStore<String, byte[]> snapshots;
  private final KeyValueStore<String, byte[]> index;
  private final ExecutionDecider decider;
  private final ExecutionSnapshots codec;
  private final Map<String, ExecutionState> cache;

  ExecutionStore(KeyValueStore<String, byte[]> snapshots, KeyValueStore<String, byte[]> index, ExecutionDecider decider,
      ExecutionSnapshots codec, int cacheSize) {
    this.snapshots = snapshots;
    this.index = index;
    this.decider = decider;
    this.codec = codec;
    this.cache = new LinkedHashMap<>(Math.min(cacheSize, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ExecutionState> eldest) {
        return size() > cacheSize;
      }
    };
  }

  /** The stores of {@link StepfoldTopology}, as the processor's context has them. */
  static ExecutionStore open(ProcessingContext context, ExecutionDecider decider, ExecutionSnapshots codec, int cacheSize) {
    return new ExecutionStore(context.getStateStore(StepfoldTopology.EXECUTIONS_STORE), context.getStateStore(StepfoldTopology.EXECUTION_INDEX_STORE),
        decider, codec, cacheSize);
  }

  /** The execution's state as its last command left it; the decider's initial state when it has none. */
  ExecutionState load(ExecutionArn executionArn) {
    var cached = cache.get(executionArn.value());
    if (cached != null) {
      return cached;
    }
    var stored = snapshots.get(executionArn.value());
    var execution = stored == null ? decider.initialState() : codec.decode(executionArn.value(), stored);
    cache.put(executionArn.value(), execution);
    return execution;
  }

  /** The execution's stored snapshot, without the cache: what a restarted task would load. */
  Optional<ExecutionState> stored(ExecutionArn executionArn) {
    return Optional.ofNullable(snapshots.get(executionArn.value())).map(stored -> codec.decode(executionArn.value(), stored));
  }

  /**
   * The executions of this task that closed before {@code cutoff}, oldest first at most {@code max}: what retention
   * deletes ({@link #forget} for the snapshot and index entry, a tombstone on the history topic for the history). One
   * scan of the executions store, reading only each snapshot's {@link ExecutionSnapshots.Header}.
   */
  List<ExecutionArn> closedBefore(Instant cutoff, int max) {
    var closed = new ArrayList<Map.Entry<Instant, ExecutionArn>>();
    try (var all = snapshots.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        var header = ExecutionSnapshots.header(entry.key, entry.value);
        if (header.status().isClosed() && header.stopDate().filter(stopDate -> stopDate.isBefore(cutoff)).isPresent()) {
          closed.add(Map.entry(header.stopDate().get(), new ExecutionArn(entry.key)));
        }
      }
    }
    return closed.stream().sorted(Map.Entry.comparingByKey()).limit(max).map(Map.Entry::getValue).toList();
  }

  static ExecutionState fold(ExecutionDecider decider, List<HistoryEvent> events) {
    var execution = decider.initialState();
    for (var event : events) {
      execution = decider.evolve(execution, event);
    }
    return execution;
  }

  /**
   * Stores the state a decision that appended {@code events} leads to ({@code Decision.execution()}): one snapshot
   * write, and the index entry when the execution starts.
   */
  void append(ExecutionArn executionArn, List<HistoryEvent> events, ExecutionState after) {
    if (events.isEmpty()) {
      return;
    }
    cache.put(executionArn.value(), after);
    if (after.started().isEmpty()) {
      return;
    }
    snapshots.put(executionArn.value(), codec.encode(after));
    if (events.get(0).type() == HistoryEventType.EXECUTION_STARTED) {
      var started = after.started().get();
      index.put(ExecutionKeys.indexKey(started.stateMachineArn(), after.startDate().orElseThrow(), executionArn), INDEXED);
    }
  }

  /** The executions of {@code stateMachineArn} this task holds, from the execution index, newest start first. */
  List<ExecutionArn> executionsOf(StateMachineArn stateMachineArn) {
    var executions = new ArrayList<ExecutionArn>();
    try (var range = index.range(ExecutionKeys.firstIndexKey(stateMachineArn), ExecutionKeys.lastIndexKey(stateMachineArn))) {
      while (range.hasNext()) {
        var key = range.next().key;
        if (ExecutionKeys.isIndexKeyOf(key, stateMachineArn)) {
          executions.add(new ExecutionArn(ExecutionKeys.executionArnOfIndexKey(key, stateMachineArn)));
        }
      }
    }
    return executions;
  }

  /** When the execution closed; empty while it is open, or when this task does not hold it. */
  Optional<Instant> closedAt(ExecutionArn executionArn) {
    return stored(executionArn).filter(execution -> execution.status().isClosed()).flatMap(ExecutionState::stopDate);
  }

  /**
   * Forgets an execution: its snapshot and index entry (its history in the history store is replaced when its new run's
   * first event arrives there, or deleted by a tombstone on the history topic). For an execution whose retention ended
   * ({@link Retention}), and for an EXPRESS child of a map run that runs again under its ARN after a redrive (R47): the
   * new run replaces the old one. Returns how many entries it deleted.
   */
  int forget(ExecutionArn executionArn) {
    int deleted = 0;
    var stored = snapshots.get(executionArn.value());
    if (stored != null) {
      var execution = codec.decode(executionArn.value(), stored);
      execution.started().ifPresent(started ->
          index.delete(ExecutionKeys.indexKey(started.stateMachineArn(), execution.startDate().orElseThrow(), executionArn)));
      snapshots.delete(executionArn.value());
      deleted += 2;
    }
    cache.remove(executionArn.value());
    return deleted;
  }

  void clearCache() {
    cache.clear();
  }
}
