package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * The runtime's partitioning of keys is the Java producer's and librdkafka's {@code murmur2_random}; librdkafka's
 * default, {@code consistent_random}, places most keys elsewhere. The librdkafka values are those its own partitioner
 * test expects (tests/0048-partitioner.c, 17 partitions).
 */
class KeyPartitioningTest {
  private static final int LIBRDKAFKA_TEST_PARTITIONS = 17;

  @Test
  void shouldPickThePartitionTheJavaProducersDefaultPartitionerPicks() {
    for (int i = 0; i < 50; i++) {
      var key = "arn:aws:states:us-east-1:111111111111:execution:orders:order-" + i;
      for (int partitions : new int[] {1, 3, 6, 7}) {
        assertThat(KeyPartitioning.partition(key, partitions)).as(key + " of " + partitions)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
      }
    }
  }

  @Test
  void shouldPickThePartitionLibrdkafkasMurmur2PartitionerPicks() {
    assertThat(KeyPartitioning.partition("23456", LIBRDKAFKA_TEST_PARTITIONS)).isEqualTo(0x058d780f % LIBRDKAFKA_TEST_PARTITIONS);
    assertThat(KeyPartitioning.partition("this is another string with more length to it perhaps", LIBRDKAFKA_TEST_PARTITIONS))
        .isEqualTo(0x4f7703da % LIBRDKAFKA_TEST_PARTITIONS);
    assertThat(KeyPartitioning.partition("hejsan", LIBRDKAFKA_TEST_PARTITIONS)).isEqualTo(0x5ec19395 % LIBRDKAFKA_TEST_PARTITIONS);
  }

  @Test
  void shouldPartitionTheTestProducerAsLibrdkafkasDefaultPartitionerDoes() {
    assertThat(LibrdkafkaPartitioner.partition(bytes("23456"), LIBRDKAFKA_TEST_PARTITIONS)).isEqualTo((int) (0xb1b451d7L % LIBRDKAFKA_TEST_PARTITIONS));
    assertThat(LibrdkafkaPartitioner.partition(bytes("this is another string with more length to it perhaps"), LIBRDKAFKA_TEST_PARTITIONS))
        .isEqualTo((int) (0xb0150df7L % LIBRDKAFKA_TEST_PARTITIONS));
    assertThat(LibrdkafkaPartitioner.partition(bytes("hejsan"), LIBRDKAFKA_TEST_PARTITIONS)).isEqualTo((int) (0xd077037eL % LIBRDKAFKA_TEST_PARTITIONS));
  }

  @Test
  void shouldPlaceMostExecutionsInAnotherPartitionWithLibrdkafkasDefaultPartitioner() {
    var keys = IntStream.range(0, 300).mapToObj(i -> "arn:aws:states:us-east-1:123456789012:execution:orders:order-" + i).toList();
    var elsewhere = keys.stream().filter(key -> LibrdkafkaPartitioner.partition(bytes(key), 3) != KeyPartitioning.partition(key, 3)).count();
    assertThat(elsewhere).as("keys of 300 that CRC32 places in another of 3 partitions than murmur2").isBetween(150L, 250L);
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
