package dev.stepfold.cli;

import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A running stepfold's broker and registry, and the client a command line reads it with: a consumer that reads
 * read_committed what its transactions committed, from assigned partitions (no group).
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
