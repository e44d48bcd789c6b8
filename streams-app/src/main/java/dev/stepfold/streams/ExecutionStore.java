package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.schemas.HistoryEventRecord;
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
 * The stores of executions, behind the two operations the processor needs: load an execution and append what a
 * command decided.
 * <ul>
 *   <li>history: one entry per event, keyed by {@link ExecutionKeys#historyKey} (execution, then event id), so an
 *       append writes only the new events and the history, or a page of it, is one range scan;
 *   <li>executions: the {@link ExecutionSummary} of each started execution by its ARN, written when it changes;
 *   <li>execution index: an empty entry per execution, keyed by {@link ExecutionKeys#indexKey} (state machine, newest
 *       start first), for ListExecutions.
 * </ul>
 * The state is rebuilt by folding the history with {@code evolve}. Folded states are cached in memory (least recently
 * used first out, bounded), so the hot path does not refold. The cache belongs to one processor, that is one task;
 * {@link #clearCache()} is called when the task (re)starts, because a task revived after an aborted transaction starts
 * from its stores again.
 */
final class ExecutionStore {
  private static final byte[] INDEXED = new byte[0];

  private final KeyValueStore<String, byte[]> summaries;
  private final KeyValueStore<String, byte[]> history;
  private final KeyValueStore<String, byte[]> index;
  private final HistoryStore reads;
  private final ExecutionDecider decider;
  private final AvroCodec codec;
  private final Map<String, ExecutionState> cache;

  ExecutionStore(KeyValueStore<String, byte[]> summaries, KeyValueStore<String, byte[]> history, KeyValueStore<String, byte[]> index,
      ExecutionDecider decider, AvroCodec codec, int cacheSize) {
    this.summaries = summaries;
    this.history = history;
    this.index = index;
    this.reads = new HistoryStore(history, codec);
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
  static ExecutionStore open(ProcessingContext context, ExecutionDecider decider, AvroCodec codec, int cacheSize) {
    return new ExecutionStore(context.getStateStore(StepfoldTopology.EXECUTIONS_STORE), context.getStateStore(StepfoldTopology.HISTORY_STORE),
        context.getStateStore(StepfoldTopology.EXECUTION_INDEX_STORE), decider, codec, cacheSize);
  }

  /** The execution's folded state; the decider's initial state when it has no history. */
  ExecutionState load(ExecutionArn executionArn) {
    var cached = cache.get(executionArn.value());
    if (cached != null) {
      return cached;
    }
    var execution = fold(decider, events(executionArn));
    cache.put(executionArn.value(), execution);
    return execution;
  }

  /** The execution's history as stored, oldest first. */
  List<HistoryEvent> events(ExecutionArn executionArn) {
    return reads.events(executionArn);
  }

  static ExecutionState fold(ExecutionDecider decider, List<HistoryEvent> events) {
    var execution = decider.initialState();
    for (var event : events) {
      execution = decider.evolve(execution, event);
    }
    return execution;
  }

  /**
   * Appends the events a decision made, and remembers the state they lead to ({@code Decision.execution()}); its
   * summary is written when it differs from the one before.
   */
  void append(ExecutionArn executionArn, List<HistoryEvent> events, ExecutionState after) {
    append(executionArn, events, events.stream().map(event -> codec.avro(executionArn, event)).toList(), after);
  }

  /** {@link #append(ExecutionArn, List, ExecutionState)} with the events already in their Avro form, {@code records}. */
  void append(ExecutionArn executionArn, List<HistoryEvent> events, List<HistoryEventRecord> records, ExecutionState after) {
    if (events.isEmpty()) {
      return;
    }
    var before = cache.get(executionArn.value());
    for (int i = 0; i < events.size(); i++) {
      history.put(ExecutionKeys.historyKey(executionArn, events.get(i).id()), StoreValues.event(records.get(i)));
    }
    cache.put(executionArn.value(), after);
    if (after.started().isEmpty()) {
      return;
    }
    var summary = ExecutionSummary.of(after);
    if (before == null || before.started().isEmpty() || !ExecutionSummary.of(before).equals(summary)) {
      summaries.put(executionArn.value(), StoreValues.summary(summary));
    }
    if (events.get(0).type() == HistoryEventType.EXECUTION_STARTED) {
      index.put(ExecutionKeys.indexKey(summary.stateMachineArn(), summary.startDate(), executionArn), INDEXED);
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
    var stored = summaries.get(executionArn.value());
    if (stored == null) {
      return Optional.empty();
    }
    var summary = StoreValues.summary(executionArn.value(), stored);
    return summary.status().isClosed() ? summary.stopDate() : Optional.empty();
  }

  /**
   * Forgets an execution, everything this store holds of it: its history, summary and index entry. For an execution
   * whose retention ended ({@link Retention}), and for an EXPRESS child of a map run that runs again under its ARN
   * after a redrive (R47): the new run replaces the old one. Returns how many entries it deleted.
   */
  int forget(ExecutionArn executionArn) {
    int deleted = 0;
    var stored = summaries.get(executionArn.value());
    if (stored != null) {
      var summary = StoreValues.summary(executionArn.value(), stored);
      index.delete(ExecutionKeys.indexKey(summary.stateMachineArn(), summary.startDate(), executionArn));
      summaries.delete(executionArn.value());
      deleted += 2;
    }
    var keys = new ArrayList<String>();
    try (var range = history.range(ExecutionKeys.firstHistoryKey(executionArn), ExecutionKeys.lastHistoryKey(executionArn))) {
      range.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(history::delete);
    cache.remove(executionArn.value());
    return deleted + keys.size();
  }

  void clearCache() {
    cache.clear();
  }
}
