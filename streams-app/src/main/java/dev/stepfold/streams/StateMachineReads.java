package dev.stepfold.streams;

import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.statemachine.StateMachine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The state machines as this instance sees them: the global store fed by {@code stepfold.state-machines}, every
 * instance holding all of it. Keys are state machine ARNs (the current revision) and version ARNs ({@code ARN:version}).
 * The store follows the topic a little behind the task that decided a write; {@link #await} waits for it to show one.
 */
public final class StateMachineReads {
  private final KafkaStreams streams;

  StateMachineReads(KafkaStreams streams) {
    this.streams = streams;
  }

  /** The current revision of a state machine, or the version a version ARN names. */
  public Optional<StateMachine> find(String stateMachineOrVersionArn) {
    return Optional.ofNullable(store().get(stateMachineOrVersionArn)).map(StateMachineAvro::stateMachine);
  }

  /**
   * Up to {@code limit} state machines (current revisions, no versions) in ARN order after {@code afterArn}, and one more
   * when there is one, so that the caller knows a next page exists.
   */
  public List<StateMachine> page(Optional<String> afterArn, int limit) {
    var found = new ArrayList<StateMachine>();
    try (var range = afterArn.isPresent() ? store().range(afterArn.get(), null) : store().all()) {
      while (range.hasNext() && found.size() <= limit) {
        var entry = range.next();
        if (afterArn.isPresent() && entry.key.equals(afterArn.get())) {
          continue;
        }
        var stateMachine = StateMachineAvro.stateMachine(entry.value);
        if (stateMachine.version().isEmpty()) {
          found.add(stateMachine);
        }
      }
    }
    return found;
  }

  /** The versions of a state machine, newest first. */
  public List<StateMachine> versions(String stateMachineArn) {
    var found = new ArrayList<StateMachine>();
    // ':' and ';' are neighbours: the range holds exactly the keys <ARN>:<version>
    try (var range = store().range(stateMachineArn + ":", stateMachineArn + ";")) {
      range.forEachRemaining(entry -> found.add(StateMachineAvro.stateMachine(entry.value)));
    }
    found.sort(Comparator.comparing((StateMachine version) -> version.version().orElseThrow()).reversed());
    return found;
  }

  /** Waits until the record under {@code key} satisfies {@code written}; false when it did not within the timeout. */
  public boolean await(String key, Predicate<StateMachine> written, Duration timeout) {
    return awaitRecord(key, found -> found.filter(written).isPresent(), timeout);
  }

  /** Waits until what is kept under {@code key} (empty when nothing, after a deletion) satisfies {@code written}. */
  public boolean awaitRecord(String key, Predicate<Optional<StateMachine>> written, Duration timeout) {
    return StoreWaits.until(() -> written.test(find(key)), timeout);
  }

  private ReadOnlyKeyValueStore<String, StateMachineRecord> store() {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(StateMachineAndMapRunNodes.STATE_MACHINES_STORE,
          QueryableStoreTypes.<String, StateMachineRecord>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new ReadFailure(ReadFailure.SERVICE_UNAVAILABLE, "The state machines cannot be read now: " + e.getMessage());
    }
  }
}
