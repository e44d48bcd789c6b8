package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.redrive.BulkRedriveReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code bulk-redrives} store of one task (changelogged), in {@link ReadJson}:
 * <ul>
 *   <li>{@code request/<request id>}: a bulk redrive this task coordinates ({@link Coordination});
 *   <li>{@code shard/active/<request id>}: a bulk redrive's work left on this task's partition ({@link ShardWork});
 *   <li>{@code shard/done/<request id>}: a shard that finished, so that a repeated shard does nothing.
 * </ul>
 */
final class BulkRedriveStore {
  private static final String COORDINATION = "request/";
  private static final String ACTIVE_SHARD = "shard/active/";
  private static final String DONE_SHARD = "shard/done/";
  private static final byte[] DONE = new byte[0];

  /** A bulk redrive as its coordinator knows it: the report merged so far and the partitions that sent their part. */
  record Coordination(BulkRedriveReport report, int partitions, List<Integer> reported) {
    Coordination {
      reported = List.copyOf(reported);
    }

    Coordination withPart(int partition, BulkRedriveReport part) {
      var all = new ArrayList<>(reported);
      all.add(partition);
      return new Coordination(report.merge(part, all.size() == partitions), partitions, all);
    }
  }

  /**
   * A shard's work: the executions still to redrive, in order, what it did so far ({@code done}, never complete), and
   * the version or alias each is redriven onto, if any.
   */
  record ShardWork(int partition, int perSecond, BulkRedriveFilter filter, List<ExecutionArn> pending, BulkRedriveReport done,
      Optional<String> ontoVersion) {
    ShardWork {
      pending = List.copyOf(pending);
      Objects.requireNonNull(ontoVersion, "ontoVersion");
    }
  }

  private final KeyValueStore<String, byte[]> store;

  BulkRedriveStore(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  Optional<Coordination> coordination(String requestId) {
    return Optional.ofNullable(store.get(COORDINATION + requestId)).map(bytes -> read(bytes, Coordination.class));
  }

  void put(Coordination coordination) {
    store.put(COORDINATION + coordination.report().requestId(), write(coordination));
  }

  /** Whether this task got the shard of {@code requestId} before, active or done. */
  boolean knowsShard(String requestId) {
    return store.get(ACTIVE_SHARD + requestId) != null || store.get(DONE_SHARD + requestId) != null;
  }

  void putActive(ShardWork work) {
    store.put(ACTIVE_SHARD + work.done().requestId(), write(work));
  }

  void markDone(String requestId) {
    store.delete(ACTIVE_SHARD + requestId);
    store.put(DONE_SHARD + requestId, DONE);
  }

  /** Forgets a bulk redrive this task coordinated, once its retention ended: the same request id would start it again. */
  void forgetCoordination(String requestId) {
    store.delete(COORDINATION + requestId);
  }

  /** Forgets that this task's shard of a bulk redrive finished, once its retention ended. */
  void forgetDoneShard(String requestId) {
    store.delete(DONE_SHARD + requestId);
  }

  /** The shards with work left, in request id order. */
  List<ShardWork> activeShards() {
    var shards = new ArrayList<ShardWork>();
    try (var range = store.prefixScan(ACTIVE_SHARD, org.apache.kafka.common.serialization.Serdes.String().serializer())) {
      range.forEachRemaining(entry -> shards.add(read(entry.value, ShardWork.class)));
    }
    return shards;
  }

  private static byte[] write(Object value) {
    try {
      return ReadJson.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(byte[] stored, Class<T> type) {
    try {
      return ReadJson.MAPPER.readValue(stored, type);
    } catch (IOException e) {
      throw new IllegalStateException("Expected a stored " + type.getSimpleName() + " to be readable, but " + e.getMessage(), e);
    }
  }
}
