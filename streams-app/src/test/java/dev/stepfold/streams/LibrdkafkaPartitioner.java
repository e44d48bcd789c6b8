package dev.stepfold.streams;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * A Java producer's partitioner that places records as a librdkafka client does by default (kcat, confluent-kafka for
 * Python and Go, ...): {@code consistent_random}, the CRC32 of the key's bytes modulo the partition count, and a random
 * partition for a missing or empty key. What {@code consistent} does for a non-empty key is {@link #partition(byte[], int)}.
 */
public final class LibrdkafkaPartitioner implements Partitioner {
  /** librdkafka's {@code consistent} partition of a key: its CRC32 (an unsigned 32-bit value) modulo {@code partitions}. */
  static int partition(byte[] key, int partitions) {
    var crc = new CRC32();
    crc.update(key);
    return (int) (crc.getValue() % partitions);
  }

  @Override
  public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int partitions = cluster.partitionCountForTopic(topic);
    return keyBytes == null || keyBytes.length == 0 ? ThreadLocalRandom.current().nextInt(partitions) : partition(keyBytes, partitions);
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
