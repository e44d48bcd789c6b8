package dev.stepfold.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What this task deletes when: the {@code retention} store of {@link RetentionNodes}, one entry per closed entity
 * under {@code <due epoch millis, 19 digits>/<kind>/<id>} with the time it closed as value, so byte order is due-time
 * order and a sweep reads only the entries that are due. An entry is written when its entity closes (an execution, a
 * map run) or finishes (a bulk redrive, a shard of one), due a retention period later (the period configured then: a
 * new period applies to what closes from then on). An entry may outlive its reason (the execution was redriven since,
 * and is open or closed again later), which {@link Retention} checks against the close time before it deletes anything.
 */
final class RetentionStore {
  private static final int DUE_DIGITS = 19;

  /** What an entry is for; {@code stored} is its name in the key. */
  enum Kind {
    EXECUTION("execution"), MAP_RUN("map-run"), BULK_REDRIVE("bulk-redrive"), BULK_REDRIVE_SHARD("bulk-redrive-shard");

    private final String stored;

    Kind(String stored) {
      this.stored = stored;
    }

    static Kind ofStored(String stored) {
      for (var kind : values()) {
        if (kind.stored.equals(stored)) {
          return kind;
        }
      }
      throw new IllegalStateException("Expected a retention kind, but the store holds '" + stored + "'");
    }
  }

  /** An entry that is due: its entity ({@code kind}, {@code id}) closed at {@code closedAt}. */
  record Due(Instant due, Kind kind, String id, Instant closedAt) {}

  private final KeyValueStore<String, Long> store;
  private final Optional<Duration> period;

  /** The store; {@code period} empty keeps everything (nothing is written). */
  RetentionStore(KeyValueStore<String, Long> store, Optional<Duration> period) {
    this.store = store;
    this.period = period;
  }

  /** Remembers that the entity closed at {@code closedAt}, to be deleted a retention period later. Written again, the same entry. */
  void closed(Kind kind, String id, Instant closedAt) {
    period.ifPresent(kept -> store.put(key(closedAt.plus(kept), kind, id), closedAt.toEpochMilli()));
  }

  /** The entries due at {@code now} or earlier, earliest first, at most {@code max}. */
  List<Due> due(Instant now, int max) {
    var due = new ArrayList<Due>();
    try (var all = store.all()) {
      while (all.hasNext() && due.size() < max) {
        var entry = all.next();
        var key = entry.key;
        var at = Instant.ofEpochMilli(Long.parseLong(key.substring(0, DUE_DIGITS)));
        if (at.isAfter(now)) {
          break;
        }
        int kindEnd = key.indexOf('/', DUE_DIGITS + 1);
        due.add(new Due(at, Kind.ofStored(key.substring(DUE_DIGITS + 1, kindEnd)), key.substring(kindEnd + 1),
            Instant.ofEpochMilli(entry.value)));
      }
    }
    return due;
  }

  void remove(Due due) {
    store.delete(key(due.due(), due.kind(), due.id()));
  }

  private static String key(Instant due, Kind kind, String id) {
    var millis = Long.toString(due.toEpochMilli());
    return "0".repeat(DUE_DIGITS - millis.length()) + millis + "/" + kind.stored + "/" + id;
  }
}
