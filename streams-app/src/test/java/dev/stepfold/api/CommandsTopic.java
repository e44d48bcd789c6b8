package dev.stepfold.api;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.streams.StepfoldRuntime;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The commands on {@code stepfold.commands} from the time it is opened, read_committed, as the runtime reads them. */
final class CommandsTopic implements AutoCloseable {
  private final KafkaConsumer<String, CommandRecord> consumer;

  CommandsTopic(StepfoldRuntime runtime) {
    var topic = runtime.topics().commands();
    consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), topic.valueSerde().deserializer());
    var partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** The first command of one of those types keyed by {@code key} from now on; fails after {@link RunningApi#PATIENCE}. */
  CommandRecord await(String key, Class<?>... types) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(100))) {
        if (key.equals(record.key()) && java.util.Arrays.stream(types).anyMatch(type -> type.isInstance(record.value().getCommand()))) {
          return record.value();
        }
      }
    }
    throw new AssertionError("Expected one of " + java.util.Arrays.toString(types) + " keyed by " + key + ", but none came");
  }

  @Override
  public void close() {
    consumer.close();
  }
}
