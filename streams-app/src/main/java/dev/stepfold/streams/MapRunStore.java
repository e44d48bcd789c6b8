package dev.stepfold.streams;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunEvent;
import dev.stepfold.schemas.MapRunEventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The map runs of one task, each the fold of its events ({@link MapRun#evolve}). Events are kept one per entry under
 * {@code <map run ARN>/<sequence number, 10 digits>} in Avro's single-object encoding, so a child's end appends one small
 * entry instead of rewriting the map run, and a map run reads back with one range scan. Folded map runs are cached
 * (least recently used out, bounded); {@link #clearCache()} is called when the task (re)starts.
 */
final class MapRunStore {
  private static final int CACHE_SIZE = 64;

  /** A folded map run and how many events it was folded from. */
  private record Folded(MapRun mapRun, int events) {}

  /**
   * A map run as DescribeMapRun shows it: its fold, when it started, and when it ended (empty while it runs, again after
   * a redrive). Events stored before they carried their time give the epoch.
   */
  record Dated(MapRun mapRun, Instant startDate, Optional<Instant> stopDate) {}

  private final KeyValueStore<String, byte[]> store;
  private final MapRunAvro avro;
  private final Map<String, Folded> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Folded> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  MapRunStore(KeyValueStore<String, byte[]> store, MapRunAvro avro) {
    this.store = store;
    this.avro = avro;
  }

  /** The map run, empty when it never started. */
  Optional<MapRun> load(MapRunArn mapRunArn) {
    return Optional.ofNullable(folded(mapRunArn)).map(Folded::mapRun);
  }

  /** Appends the events a decision made at {@code timestamp}; {@code after} is the map run they lead to. */
  void append(MapRunArn mapRunArn, List<MapRunEvent> events, MapRun after, Instant timestamp) {
    if (events.isEmpty()) {
      return;
    }
    var known = folded(mapRunArn);
    int sequence = known == null ? 0 : known.events();
    for (var event : events) {
      try {
        var encoded = MapRunEventRecord.getEncoder().encode(avro.avro(mapRunArn, event, timestamp));
        var bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        store.put(key(mapRunArn, sequence++), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    cache.put(mapRunArn.value(), new Folded(after, sequence));
  }

  /** When the map run closed (its last Ended), once it has closed; empty while it runs or has not, or when it never started. */
  Optional<Instant> closedAt(MapRunArn mapRunArn) {
    return fold(store, avro, mapRunArn, (event, timestamp) -> {}).filter(dated -> dated.mapRun().closed()).flatMap(Dated::stopDate);
  }

  /** Forgets the map run, every event of it, once its retention ended ({@link Retention}); returns how many entries it deleted. */
  int forget(MapRunArn mapRunArn) {
    var keys = new ArrayList<String>();
    try (var stored = store.range(mapRunArn.value() + "/", mapRunArn.value() + "0")) {
      stored.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(store::delete);
    cache.remove(mapRunArn.value());
    return keys.size();
  }

  void clearCache() {
    cache.clear();
  }

  private Folded folded(MapRunArn mapRunArn) {
    var cached = cache.get(mapRunArn.value());
    if (cached != null) {
      return cached;
    }
    var events = new int[1];
    var mapRun = fold(store, avro, mapRunArn, (event, timestamp) -> events[0]++).map(Dated::mapRun);
    if (mapRun.isEmpty()) {
      return null;
    }
    var folded = new Folded(mapRun.get(), events[0]);
    cache.put(mapRunArn.value(), folded);
    return folded;
  }

  /** The map run in a store of the read side, with its dates; empty when it never started. */
  static Optional<Dated> read(ReadOnlyKeyValueStore<String, byte[]> store, MapRunAvro avro, MapRunArn mapRunArn) {
    return fold(store, avro, mapRunArn, (event, timestamp) -> {});
  }

  /** Folds the map run's stored events in order, showing each to {@code each}, and dates it by its Started and Ended events. */
  private static Optional<Dated> fold(ReadOnlyKeyValueStore<String, byte[]> store, MapRunAvro avro, MapRunArn mapRunArn,
      BiConsumer<MapRunEvent, Optional<Instant>> each) {
    MapRun mapRun = null;
    var startDate = Instant.EPOCH;
    var stopDate = Optional.<Instant>empty();
    // '0' follows '/': the range holds exactly this map run's "<ARN>/<sequence>" keys.
    try (var stored = store.range(mapRunArn.value() + "/", mapRunArn.value() + "0")) {
      while (stored.hasNext()) {
        var entry = stored.next();
        MapRunEventRecord record;
        try {
          record = MapRunEventRecord.getDecoder().decode(ByteBuffer.wrap(entry.value));
        } catch (IOException e) {
          throw new IllegalStateException("Expected stored map run event " + entry.key + " to be readable, but " + e.getMessage(), e);
        }
        var event = avro.event(record);
        var timestamp = Optional.ofNullable(record.getTimestamp()).map(Instant::ofEpochMilli);
        each.accept(event, timestamp);
        mapRun = mapRun == null ? startedBy(event, entry.key) : mapRun.evolve(event);
        if (event instanceof MapRunEvent.Started) {
          startDate = timestamp.orElse(Instant.EPOCH);
        } else if (event instanceof MapRunEvent.Ended) {
          stopDate = timestamp.or(() -> Optional.of(Instant.EPOCH));
        } else if (event instanceof MapRunEvent.Redriven) {
          stopDate = Optional.empty();
        }
      }
    }
    return mapRun == null ? Optional.empty() : Optional.of(new Dated(mapRun, startDate, stopDate));
  }

  private static MapRun startedBy(MapRunEvent first, String key) {
    if (first instanceof MapRunEvent.Started started) {
      return MapRun.started(started.dispatch());
    }
    throw new IllegalStateException("Expected a map run's first event to be Started, but " + key + " is " + first);
  }

  private static String key(MapRunArn mapRunArn, int sequence) {
    return "%s/%010d".formatted(mapRunArn.value(), sequence);
  }
}
