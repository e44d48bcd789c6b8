package dev.stepfold.benchmarks.load;

import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A thread reading the history topic (read_committed) from its end on, each event told with the moment it was seen. */
final class HistoryWatcher implements AutoCloseable {
  /** One history event of {@code executionArn}, of {@code type}, seen at {@code nanos}. */
  @FunctionalInterface
  interface Seen {
    void event(String executionArn, String type, long nanos);
  }

  private final AtomicBoolean watching = new AtomicBoolean(true);
  private final Thread thread;

  private HistoryWatcher(String bootstrapServers, Topics topics, Seen seen) {
    this.thread = new Thread(() -> watch(bootstrapServers, topics, seen), "history-watcher");
    thread.setDaemon(true);
  }

  static HistoryWatcher start(String bootstrapServers, Topics topics, Seen seen) {
    var watcher = new HistoryWatcher(bootstrapServers, topics, seen);
    watcher.thread.start();
    return watcher;
  }

  private void watch(String bootstrapServers, Topics topics, Seen seen) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), topics.history().valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(topics.history().name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (watching.get()) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          HistoryEventRecord event = record.value();
          seen.event(record.key(), event.getType().name(), System.nanoTime());
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    watching.set(false);
    thread.join(10_000);
  }
}
