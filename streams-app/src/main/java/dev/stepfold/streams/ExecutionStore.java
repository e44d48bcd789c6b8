package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.schemas.HistoryEventRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The executions store, behind the two operations the processor needs: load an execution and append what a command
 * decided. Until {@code ExecutionState} has a stable stored form, the store keeps each execution's history (its
 * events as Avro {@link HistoryEventRecord}s) and the state is rebuilt by folding them with {@code evolve}; this class
 * is the one place that changes when a real snapshot arrives.
 *
 * <p>Stored value: one frame per event, oldest first — a 4-byte big-endian length, then the event in Avro's
 * single-object encoding (marker, the schema's 8-byte fingerprint, the body), so a stored event says which schema wrote
 * it. Appending copies the old bytes and adds frames; nothing is re-encoded.
 *
 * <p>Folded states are cached in memory (least recently used first out, bounded), so the hot path does not refold. The
 * cache belongs to one processor, that is one task; {@link #clearCache()} is called when the task (re)starts, because
 * a task revived after an aborted transaction starts from its store again.
 */
final class ExecutionStore {
  private final KeyValueStore<String, byte[]> store;
  private final ExecutionDecider decider;
  private final AvroCodec codec;
  private final Map<String, ExecutionState> cache;

  ExecutionStore(KeyValueStore<String, byte[]> store, ExecutionDecider decider, AvroCodec codec, int cacheSize) {
    this.store = store;
    this.decider = decider;
    this.codec = codec;
    this.cache = new LinkedHashMap<>(Math.min(cacheSize, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ExecutionState> eldest) {
        return size() > cacheSize;
      }
    };
  }

  /** The execution's folded state; the decider's initial state when it has no history. */
  ExecutionState load(ExecutionArn executionArn) {
    var cached = cache.get(executionArn.value());
    if (cached != null) {
      return cached;
    }
    var execution = decider.initialState();
    for (var event : events(executionArn)) {
      execution = decider.evolve(execution, event);
    }
    cache.put(executionArn.value(), execution);
    return execution;
  }

  /** The execution's history as stored, oldest first. */
  List<HistoryEvent> events(ExecutionArn executionArn) {
    var stored = store.get(executionArn.value());
    var events = new ArrayList<HistoryEvent>();
    if (stored == null) {
      return events;
    }
    var buffer = ByteBuffer.wrap(stored);
    while (buffer.hasRemaining()) {
      int length = buffer.getInt();
      var frame = buffer.slice();
      frame.limit(length);
      buffer.position(buffer.position() + length);
      try {
        events.add(codec.event(HistoryEventRecord.getDecoder().decode(frame)));
      } catch (IOException e) {
        throw new IllegalStateException("Expected stored event " + (events.size() + 1) + " of " + executionArn
            + " to be readable, but " + e.getMessage(), e);
      }
    }
    return events;
  }

  /** Appends the events a decision made and remembers the state they lead to ({@code Decision.execution()}). */
  void append(ExecutionArn executionArn, List<HistoryEvent> events, ExecutionState after) {
    if (events.isEmpty()) {
      return;
    }
    var stored = store.get(executionArn.value());
    var out = new ByteArrayOutputStream((stored == null ? 0 : stored.length) + 512 * events.size());
    if (stored != null) {
      out.writeBytes(stored);
    }
    for (var event : events) {
      ByteBuffer encoded;
      try {
        encoded = HistoryEventRecord.getEncoder().encode(codec.avro(executionArn, event));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int length = encoded.remaining();
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
      out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), length);
    }
    store.put(executionArn.value(), out.toByteArray());
    cache.put(executionArn.value(), after);
  }

  void clearCache() {
    cache.clear();
  }
}
