package dev.stepfold.streams;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The runtime's partitioning of a key: the partition of a topic that holds the records of an execution (or of a state
 * machine, a map run), and of the commands topic the partition whose task owns its stores. It is the Java producer's
 * default for a keyed record and what Kafka Streams' interactive queries ({@code queryMetadataForKey}) assume: murmur2
 * of the key's UTF-8 bytes (what the string serializer writes), made positive, modulo the topic's partition count.
 * librdkafka's {@code murmur2_random} partitioner gives the same partition; its default, {@code consistent_random}
 * (CRC32), does not, which is why {@link CommandRouter} forwards what such a producer put elsewhere.
 */
public final class KeyPartitioning {
  private KeyPartitioning() {}

  /** The partition of {@code key} in a topic of {@code partitions} partitions. */
  public static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** A sink's partitioner that writes each record to the partition of its key, in the topic as it is now. */
  static <V> StreamPartitioner<String, V> byKey() {
    return (topic, key, value, partitions) -> Optional.of(Set.of(partition(key, partitions)));
  }
}
