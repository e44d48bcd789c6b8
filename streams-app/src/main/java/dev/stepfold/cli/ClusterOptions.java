package dev.stepfold.cli;

import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the stepfold to talk to is, read as {@code stepfold server} reads it: a properties file, the environment
 * ({@code STEPFOLD_BOOTSTRAP_SERVERS}, {@code STEPFOLD_SCHEMA_REGISTRY_URL}, {@code STEPFOLD_TOPIC_PREFIX}, ...),
 * {@code -D} settings, then the options below. With nothing configured, the embedded broker and registry a local
 * {@code stepfold server} starts ({@code localhost:9092}, {@code http://localhost:8081}, or the embedded ports set).
 */
final class ClusterOptions {
  @Mixin
  ConfigurationOptions configurationOptions;

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "default: from the configuration, else localhost:9092")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL", description = "default: from the configuration, else http://localhost:8081")
  String schemaRegistryUrl;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "the server's stepfold.topic.prefix (default: from the configuration, else none)")
  String topicPrefix;

  ClusterConnection connection() throws IOException {
    return connection(System.getenv());
  }

  ClusterConnection connection(Map<String, String> environment) throws IOException {
    // a broker that cannot be reached is said once by the command, not by the client at every retry
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    var overrides = new HashMap<String, String>();
    Optional.ofNullable(bootstrapServers).ifPresent(hosts -> overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, hosts));
    Optional.ofNullable(schemaRegistryUrl).ifPresent(url -> overrides.put(StepfoldConfig.SCHEMA_REGISTRY_URL, url));
    Optional.ofNullable(topicPrefix).ifPresent(prefix -> overrides.put(StepfoldConfig.TOPIC_PREFIX, prefix));
    var configuration = configurationOptions.load(environment, overrides);
    var kafka = configuration.bootstrapServers()
        .orElse("localhost:" + configuration.embeddedKafkaPort());
    var registry = configuration.schemaRegistryUrl()
        .orElse("http://localhost:" + configuration.embeddedRegistryPort());
    return new ClusterConnection(kafka, registry, configuration.get(StepfoldConfig.SCHEMA_REGISTRY_BASIC_AUTH),
        configuration.topicPrefix(), clientSettings(configuration.streamsProperties()));
  }

  private static Map<String, String> clientSettings(Properties properties) {
    var settings = new HashMap<String, String>();
    properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
    return settings;
  }
}
