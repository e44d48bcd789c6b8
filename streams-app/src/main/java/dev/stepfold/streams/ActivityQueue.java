package dev.stepfold.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The waiting tasks and the waiting polls of the activities of one task, in three stores of {@link ActivityNodes}:
 * <ul>
 *   <li>{@code activity-tasks}: the tasks, in queue order, under {@code <activity ARN>\0<lane><sequence>} — lane
 *       {@code 0} for tasks given back by a poll whose client had gone (they go first), {@code 1} for tasks as they were
 *       scheduled; the sequence is the offset of the command that queued them, 19 digits, so keys sort in arrival order;
 *   <li>{@code activity-task-tokens}: the key of each waiting task by its token, for a Kafka worker's claim;
 *   <li>{@code activity-polls}: the polls, in arrival order, under {@code <activity ARN>\0<sequence>}.
 * </ul>
 * Values are JSON. Nothing here decides; {@link ActivityCommands} does.
 */
final class ActivityQueue {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final char SEPARATOR = '\0';
  private static final String RETURNED = "0";
  private static final String SCHEDULED = "1";

  /** A task waiting for a poll: its token, its input (JSON text), and when its TimeoutSeconds end (epoch ms), if they do. */
  record WaitingTask(String taskToken, String input, Long timeoutAt) {
    boolean timedOutAt(long now) {
      return timeoutAt != null && timeoutAt <= now;
    }
  }

  /** A GetActivityTask waiting for a task: its request id, the worker's name if it gave one, when it ends (epoch ms). */
  record WaitingPoll(String requestId, String workerName, long expiresAt) {}

  /** A stored entry: its key, to remove it by, and its value. */
  record Entry<V>(String key, V value) {}

  private final KeyValueStore<String, byte[]> tasks;
  private final KeyValueStore<String, String> tokens;
  private final KeyValueStore<String, byte[]> polls;

  ActivityQueue(KeyValueStore<String, byte[]> tasks, KeyValueStore<String, String> tokens, KeyValueStore<String, byte[]> polls) {
    this.tasks = tasks;
    this.tokens = tokens;
    this.polls = polls;
  }

  /** Queues a task behind the others ({@code returned}: ahead of every scheduled one); {@code sequence} orders it in its lane. */
  void addTask(String activityArn, WaitingTask task, long sequence, boolean returned) {
    var key = activityArn + SEPARATOR + (returned ? RETURNED : SCHEDULED) + sequence(sequence);
    tasks.put(key, write(task));
    tokens.put(task.taskToken(), key);
  }

  /** The activity's first waiting task. */
  Optional<Entry<WaitingTask>> firstTask(String activityArn) {
    try (var range = tasks.range(from(activityArn), to(activityArn))) {
      if (!range.hasNext()) {
        return Optional.empty();
      }
      var entry = range.next();
      return Optional.of(new Entry<>(entry.key, read(entry.value, WaitingTask.class)));
    }
  }

  /** The waiting task of that token. */
  Optional<Entry<WaitingTask>> task(String taskToken) {
    return Optional.ofNullable(tokens.get(taskToken))
        .flatMap(key -> Optional.ofNullable(tasks.get(key)).map(value -> new Entry<>(key, read(value, WaitingTask.class))));
  }

  void removeTask(Entry<WaitingTask> task) {
    tasks.delete(task.key());
    tokens.delete(task.value().taskToken());
  }

  /** Every waiting task of the activity, removed. */
  int removeTasks(String activityArn) {
    var removed = new ArrayList<Entry<WaitingTask>>();
    try (var range = tasks.range(from(activityArn), to(activityArn))) {
      range.forEachRemaining(entry -> removed.add(new Entry<>(entry.key, read(entry.value, WaitingTask.class))));
    }
    removed.forEach(this::removeTask);
    return removed.size();
  }

  void addPoll(String activityArn, WaitingPoll poll, long sequence) {
    polls.put(activityArn + SEPARATOR + sequence(sequence), write(poll));
  }

  /** The activity's waiting polls, first come first. */
  List<Entry<WaitingPoll>> polls(String activityArn) {
    var found = new ArrayList<Entry<WaitingPoll>>();
    try (var range = polls.range(from(activityArn), to(activityArn))) {
      range.forEachRemaining(entry -> found.add(new Entry<>(entry.key, read(entry.value, WaitingPoll.class))));
    }
    return found;
  }

  /** The waiting polls of every activity of the task whose time ended at {@code now}, with their activity's ARN. */
  List<Entry<WaitingPoll>> pollsEndedAt(long now) {
    var ended = new ArrayList<Entry<WaitingPoll>>();
    try (var all = polls.all()) {
      all.forEachRemaining(entry -> {
        var poll = read(entry.value, WaitingPoll.class);
        if (poll.expiresAt() <= now) {
          ended.add(new Entry<>(entry.key, poll));
        }
      });
    }
    return ended;
  }

  void removePoll(Entry<WaitingPoll> poll) {
    polls.delete(poll.key());
  }

  /** The activity ARN a task or poll key starts with. */
  static String activityArn(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  private static String sequence(long sequence) {
    return String.format("%019d", sequence);
  }

  private static String from(String activityArn) {
    return activityArn + SEPARATOR;
  }

  private static String to(String activityArn) {
    return activityArn + (char) (SEPARATOR + 1);
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <V> V read(byte[] stored, Class<V> type) {
    try {
      return MAPPER.readValue(stored, type);
    } catch (IOException e) {
      throw new IllegalStateException("Expected a stored " + type.getSimpleName() + ", but " + e.getMessage(), e);
    }
  }
}
