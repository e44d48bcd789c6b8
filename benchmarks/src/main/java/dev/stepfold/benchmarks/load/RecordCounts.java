package dev.stepfold.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records on every topic of the broker but its own ({@code __consumer_offsets}, {@code __transaction_state}),
 * counted by reading each topic from its first offset to its last committed one with read_committed: the records
 * stepfold and its clients wrote, changelogs included, without transaction markers or aborted records. Read once the
 * run is over; a run too short for the log cleaner to compact a changelog segment counts every write.
 */
final class RecordCounts {
  private RecordCounts() {}

  /** Records by topic. */
  static Map<String, Long> byTopic(String bootstrapServers) throws InterruptedException, ExecutionException {
    var partitions = new ArrayList<TopicPartition>();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var names = admin.listTopics().names().get().stream().filter(name -> !name.startsWith("__")).toList();
      admin.describeTopics(names).allTopicNames().get().forEach((name, description) ->
          description.partitions().forEach(partition -> partitions.add(new TopicPartition(name, partition.partition()))));
    }
    var counts = new TreeMap<String, Long>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions);
      partitions.forEach(partition -> counts.putIfAbsent(partition.topic(), 0L));
      List<TopicPartition> open = new ArrayList<>(partitions.stream().filter(partition -> consumer.position(partition) < ends.get(partition)).toList());
      while (!open.isEmpty()) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          counts.merge(record.topic(), 1L, Long::sum);
        }
        open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      }
    }
    return counts;
  }
}
