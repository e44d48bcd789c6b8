package dev.stepfold.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The history store, without a copy of its own: a RocksDB store whose changelog is the history topic itself
 * ({@code Topology.addReadOnlyStateStore}). Kafka Streams restores such a store by writing the topic's records into it
 * as they are (execution ARN → event); this store turns each into its entries with {@link HistoryEntries} on the way
 * in, so a restored store holds what {@link HistoryStoreUpdater} wrote. Everything else is RocksDB's.
 */
final class HistoryTopicStore implements KeyValueStore<Bytes, byte[]> {
  private final KeyValueStore<Bytes, byte[]> rocks;
  private final HistoryEntries entries;

  private HistoryTopicStore(KeyValueStore<Bytes, byte[]> rocks, HistoryEntries entries) {
    this.rocks = rocks;
    this.entries = entries;
  }

  /** The builder of the history store named {@code name}, without logging: its changelog is its source topic. */
  static StoreBuilder<KeyValueStore<String, byte[]>> builder(String name, HistoryEntries entries) {
    var rocksdb = Stores.persistentKeyValueStore(name);
    KeyValueBytesStoreSupplier supplier = new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return rocksdb.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new HistoryTopicStore(rocksdb.get(), entries);
      }

      @Override
      public String metricsScope() {
        return rocksdb.metricsScope();
      }
    };
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray()).withLoggingDisabled();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    rocks.init(new TranslatingRestores(context), root);
  }

  /** The topic's records of one restore batch as the entries they make, in order. */
  private List<ConsumerRecord<byte[], byte[]>> translate(Collection<ConsumerRecord<byte[], byte[]>> records) {
    var translated = new ArrayList<ConsumerRecord<byte[], byte[]>>(records.size());
    var inBatch = new HashSet<String>();
    for (var record : records) {
      var executionArn = new String(record.key(), StandardCharsets.UTF_8);
      var change = entries.of(executionArn, record.value());
      boolean replaces = change instanceof HistoryEntries.Append append && append.replacesHistory()
          && (inBatch.contains(executionArn) || rocks.get(bytes(append.key())) != null);   // an execution's first run replaces nothing
      inBatch.add(executionArn);
      if (change instanceof HistoryEntries.Delete || replaces) {
        // earlier entries of this batch are deleted too: a deletion is applied in order with the rest of the batch
        var deleted = new ArrayList<String>();
        try (var range = rocks.range(bytes(HistoryEntries.firstKey(executionArn)), bytes(HistoryEntries.lastKey(executionArn)))) {
          range.forEachRemaining(entry -> deleted.add(new String(entry.key.get(), StandardCharsets.UTF_8)));
        }
        translated.stream().map(entry -> new String(entry.key(), StandardCharsets.UTF_8))
            .filter(key -> key.compareTo(HistoryEntries.firstKey(executionArn)) >= 0 && key.compareTo(HistoryEntries.lastKey(executionArn)) <= 0)
            .forEach(deleted::add);
        deleted.stream().distinct().forEach(key -> translated.add(entry(record, key, null)));
      }
      if (change instanceof HistoryEntries.Append append) {
        translated.add(entry(record, append.key(), append.value()));
      }
    }
    return translated;
  }

  private static ConsumerRecord<byte[], byte[]> entry(ConsumerRecord<byte[], byte[]> from, String key, byte[] value) {
    var keyBytes = key.getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(from.topic(), from.partition(), from.offset(), from.timestamp(), from.timestampType(), keyBytes.length,
        value == null ? -1 : value.length, keyBytes, value, from.headers(), Optional.empty());
  }

  private static Bytes bytes(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  /** RocksDB's restore callback, fed the entries the topic's records make instead of the records. */
  private RecordBatchingStateRestoreCallback translating(StateRestoreCallback restore) {
    return records -> {
      var translated = translate(records);
      if (restore instanceof RecordBatchingStateRestoreCallback batching) {
        batching.restoreBatch(translated);
      } else if (restore instanceof BatchingStateRestoreCallback batching) {
        batching.restoreAll(translated.stream().map(entry -> KeyValue.pair(entry.key(), entry.value())).toList());
      } else {
        translated.forEach(entry -> restore.restore(entry.key(), entry.value()));
      }
    };
  }

  /** The store's context, registering RocksDB with the translating restore callback. */
  private final class TranslatingRestores implements StateStoreContext {
    private final StateStoreContext context;

    TranslatingRestores(StateStoreContext context) {
      this.context = context;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restore) {
      context.register(store, translating(restore));
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restore, CommitCallback commit) {
      context.register(store, translating(restore), commit);
    }

    @Override
    public String applicationId() {
      return context.applicationId();
    }

    @Override
    public TaskId taskId() {
      return context.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return context.recordMetadata();
    }

    @Override
    public org.apache.kafka.common.serialization.Serde<?> keySerde() {
      return context.keySerde();
    }

    @Override
    public org.apache.kafka.common.serialization.Serde<?> valueSerde() {
      return context.valueSerde();
    }

    @Override
    public java.io.File stateDir() {
      return context.stateDir();
    }

    @Override
    public org.apache.kafka.streams.StreamsMetrics metrics() {
      return context.metrics();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return context.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return context.appConfigsWithPrefix(prefix);
    }
  }

  // RocksDB's, unchanged

  @Override
  public void put(Bytes key, byte[] value) {
    rocks.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return rocks.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    rocks.putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return rocks.delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return rocks.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return rocks.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return rocks.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return rocks.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return rocks.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
    return rocks.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return rocks.approximateNumEntries();
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
    return rocks.readOnly(isolationLevel);
  }

  @Override
  public String name() {
    return rocks.name();
  }

  @Override
  public void flush() {
    rocks.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    rocks.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return rocks.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return rocks.managesOffsets();
  }

  @Override
  public void close() {
    rocks.close();
  }

  @Override
  public boolean persistent() {
    return rocks.persistent();
  }

  @Override
  public boolean isOpen() {
    return rocks.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return rocks.query(query, positionBound, config);
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return rocks.approximateNumUncommittedBytes();
  }

  @Override
  public Position getPosition() {
    return rocks.getPosition();
  }
}
