package dev.stepfold.streams;

import dev.stepfold.schemas.ActivityRecord;
import dev.stepfold.tags.Tag;
import dev.stepfold.tags.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The activities as this instance sees them: the global store fed by {@code stepfold.activities}, every instance
 * holding all of it, keyed by activity ARN. It follows the topic a little behind the task that created or deleted an
 * activity; {@link #await} waits for it to show a change.
 */
public final class ActivityReads {
  private final KafkaStreams streams;

  public ActivityReads(KafkaStreams streams) {
    this.streams = streams;
  }

  public Optional<ActivityRecord> find(String activityArn) {
    return Optional.ofNullable(store().get(activityArn));
  }

  /** Up to {@code limit} activities in ARN order after {@code afterArn}, and one more when there is one (a next page exists). */
  public List<ActivityRecord> page(Optional<String> afterArn, int limit) {
    var found = new ArrayList<ActivityRecord>();
    try (var range = afterArn.isPresent() ? store().range(afterArn.get(), null) : store().all()) {
      while (range.hasNext() && found.size() <= limit) {
        var entry = range.next();
        if (afterArn.isEmpty() || !entry.key.equals(afterArn.get())) {
          found.add(entry.value);
        }
      }
    }
    return found;
  }

  /** Waits until what the store holds under {@code activityArn} satisfies {@code shown}; false when it did not within the timeout. */
  public boolean await(String activityArn, Predicate<Optional<ActivityRecord>> shown, Duration timeout) {
    return StoreWaits.until(() -> shown.test(find(activityArn)), timeout);
  }

  /** An activity's tags, in the one shape every resource's tags have. */
  public static Tags tags(ActivityRecord activity) {
    return new Tags(activity.getTags().entrySet().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList());
  }

  private ReadOnlyKeyValueStore<String, ActivityRecord> store() {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(ActivityNodes.ACTIVITY_DIRECTORY_STORE,
          QueryableStoreTypes.<String, ActivityRecord>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new ReadFailure(ReadFailure.SERVICE_UNAVAILABLE, "The activities cannot be read now: " + e.getMessage());
    }
  }
}
