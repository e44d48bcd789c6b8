package dev.stepfold.cli;

import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.streams.KeyPartitioning;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A running stepfold's broker and registry, and the clients a command line talks to it with: consumers that read
 * read_committed what its transactions committed, from assigned partitions (no group), and a producer of commands.
 * {@code clientSettings} are the configuration's Kafka keys (security among them), given to each client that knows them.
 */
record ClusterConnection(String bootstrapServers, String schemaRegistryUrl, Optional<String> registryBasicAuth, String topicPrefix,
    Map<String, String> clientSettings) {
  /** How long a client waits for the broker before the command gives up. */
  static final Duration BROKER_PATIENCE = Duration.ofSeconds(15);

  ClusterConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(registryBasicAuth, "registryBasicAuth");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    clientSettings = Map.copyOf(clientSettings);
  }

  Topics topics() {
    return Topics.create(topicPrefix, new RestSchemaRegistryClient(schemaRegistryUrl, registryBasicAuth, Duration.ofSeconds(10)));
  }

  KafkaConsumer<String, byte[]> consumer() {
    var config = known(ConsumerConfig.configNames());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_PATIENCE.toMillis());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  KafkaProducer<String, byte[]> producer() {
    var config = known(ProducerConfig.configNames());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, BROKER_PATIENCE.toMillis());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * The partition of {@code topic} that holds the records of {@code key}: the runtime's partitioning
   * ({@link KeyPartitioning}), which its sinks use.
   */
  static TopicPartition partitionOf(KafkaConsumer<String, byte[]> consumer, String topic, String key) {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, BROKER_PATIENCE);
    } catch (TimeoutException e) {
      throw new BrokerUnreachable("no broker answered within " + BROKER_PATIENCE.toSeconds() + "s; is stepfold running there? "
          + "(--bootstrap-servers, --config)", e);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("Expected the topic " + topic + " on the broker, but it is not there: is stepfold running, with this topic prefix?");
    }
    return new TopicPartition(topic, KeyPartitioning.partition(key, partitions.size()));
  }

  /** Assigns only {@code partition}, at its end: what is written there after this returns will be read. */
  static void readFromEnd(KafkaConsumer<String, byte[]> consumer, TopicPartition partition) {
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    consumer.position(partition);   // seekToEnd is lazy: fix the position before anything is sent
  }

  private Map<String, Object> known(Set<String> names) {
    var config = new HashMap<String, Object>();
    clientSettings.forEach((key, value) -> {
      if (names.contains(key)) {
        config.put(key, value);
      }
    });
    return config;
  }
}
