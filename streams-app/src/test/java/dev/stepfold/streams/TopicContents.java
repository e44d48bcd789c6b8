package dev.stepfold.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on a topic now, read with read_committed from its first offset to its end. */
final class TopicContents {
  private TopicContents() {}

  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, String topic, Deserializer<V> values) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var records = new ArrayList<ConsumerRecord<String, V>>();
      long deadline = System.nanoTime() + BrokerFixture.PATIENCE.toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Expected to read " + topic + " to " + end + " within " + BrokerFixture.PATIENCE + ", but did not");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }
}
