package dev.stepfold.cli;

import dev.stepfold.api.AwsJsonServer;
import dev.stepfold.api.StepfoldApi;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
import dev.stepfold.streams.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stepfold server}: the runtime, on an embedded broker or against a cluster, until stopped. */
@CommandLine.Command(
    name = "server",
    description = {
        "Runs stepfold until stopped (Ctrl-C). With no bootstrap.servers configured it starts a single-node Kafka broker",
        "(KRaft) and an in-memory schema registry in this process, with their data under the data directory.",
        "With bootstrap.servers and schema.registry.url (from --config or STEPFOLD_BOOTSTRAP_SERVERS and",
        "STEPFOLD_SCHEMA_REGISTRY_URL) it runs against that cluster instead. The AWS Step Functions API listens on",
        "localhost:8083 (stepfold.api.host, stepfold.api.port)."},
    mixinStandardHelpOptions = true)
final class ServerCommand implements Callable<Integer> {
  @Mixin
  ConfigurationOptions configuration;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "where the embedded broker and the stores keep data (default: ./stepfold-data)")
  Path dataDir;

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "the embedded broker's port (default: 9092)")
  Integer kafkaPort;

  @Option(names = "--registry-port", paramLabel = "PORT", description = "the embedded schema registry's port (default: 8081)")
  Integer registryPort;

  @Option(names = "--api-port", paramLabel = "PORT", description = "the AWS Step Functions API's port (default: 8083; 0 for any free port)")
  Integer apiPort;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var overrides = new HashMap<String, String>();
    Optional.ofNullable(dataDir).ifPresent(dir -> overrides.put(StepfoldConfig.DATA_DIR, dir.toString()));
    Optional.ofNullable(kafkaPort).ifPresent(port -> overrides.put(StepfoldConfig.EMBEDDED_KAFKA_PORT, port.toString()));
    Optional.ofNullable(registryPort).ifPresent(port -> overrides.put(StepfoldConfig.EMBEDDED_REGISTRY_PORT, port.toString()));
    Optional.ofNullable(apiPort).ifPresent(port -> overrides.put(StepfoldConfig.API_PORT, port.toString()));
    var configuration = this.configuration.load(System.getenv(), overrides);
    var out = spec.commandLine().getOut();
    var runtime = StepfoldRuntime.start(configuration);
    StepfoldApi api;
    try {
      api = StepfoldApi.start(runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    var stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      api.close();
      runtime.close();
    }, "stepfold-shutdown"));
    out.printf("stepfold: Kafka at %s, schema registry at %s, commands on %s%n", runtime.bootstrapServers(),
        runtime.schemaRegistryUrl(), Topics.name(configuration.topicPrefix(), Topics.COMMANDS));
    out.printf("stepfold: AWS Step Functions API at http://%s:%d (region %s, account %s)%n", configuration.get(StepfoldConfig.API_HOST).orElseThrow(),
        api.port(), configuration.arnFormat().region(), configuration.arnFormat().account());
    out.printf("stepfold: console at http://%s:%d%s/%n", configuration.get(StepfoldConfig.API_HOST).orElseThrow(), api.port(),
        AwsJsonServer.CONSOLE_PATH);
    out.flush();
    if (!runtime.awaitRunning(Duration.ofMinutes(5))) {
      spec.commandLine().getErr().println("stepfold: the topology did not reach RUNNING; state " + runtime.streams().state());
    }
    runtime.awaitStopped(Duration.ofDays(36500));
    // stopped on its own (an error) rather than by a signal
    if (!stopping.get()) {
      spec.commandLine().getErr().println("stepfold: Kafka Streams stopped: " + runtime.streams().state());
      return 1;
    }
    return 0;
  }
}
