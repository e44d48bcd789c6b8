package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterOptionsTest {
  @TempDir
  Path dir;

  @Test
  void shouldFindTheEmbeddedBrokerAndRegistryOfALocalServerWhenNothingIsConfigured() throws IOException {
    var connection = parse().connection(Map.of());

    assertThat(connection.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(connection.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(connection.topicPrefix()).isEmpty();
  }

  @Test
  void shouldReadTheServersConfigurationThenTheEnvironmentThenTheOptions() throws IOException {
    var config = Files.writeString(dir.resolve("stepfold.properties"), """
        bootstrap.servers=kafka-1:9092
        schema.registry.url=http://registry:8081
        security.protocol=SASL_SSL
        stepfold.topic.prefix=file.
        """);

    var fromFile = parse("--config", config.toString()).connection(Map.of("STEPFOLD_TOPIC_PREFIX", "env."));
    var fromOptions = parse("--config", config.toString(), "--bootstrap-servers", "kafka-2:9092", "--topic-prefix", "option.")
        .connection(Map.of("STEPFOLD_TOPIC_PREFIX", "env."));

    assertThat(fromFile.bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(fromFile.schemaRegistryUrl()).isEqualTo("http://registry:8081");
    assertThat(fromFile.topicPrefix()).isEqualTo("env.");
    assertThat(fromFile.clientSettings()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(fromOptions.bootstrapServers()).isEqualTo("kafka-2:9092");
    assertThat(fromOptions.topicPrefix()).isEqualTo("option.");
  }

  @Test
  void shouldFollowTheEmbeddedPortsASetting() throws IOException {
    var connection = parse("-D", "stepfold.embedded.kafka.port=19092", "-D", "stepfold.embedded.registry.port=18081").connection(Map.of());

    assertThat(connection.bootstrapServers()).isEqualTo("localhost:19092");
    assertThat(connection.schemaRegistryUrl()).isEqualTo("http://localhost:18081");
  }

  private static ClusterOptions parse(String... args) {
    var holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.cluster;
  }

  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin
    ClusterOptions cluster;
  }
}
