package dev.stepfold.cli;

import dev.stepfold.api.AwsJsonServer;
import dev.stepfold.api.StepfoldApi;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
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

  @Option(names = "--verbose", description = "logs what stepfold, Kafka and the HTTP server do, at INFO (default: warnings of stepfold, errors of all)")
  boolean verbose;

  @Option(names = "--log-config", paramLabel = "FILE", description = "a properties file of slf4j-simple settings (org.slf4j.simpleLogger.*), "
      + "which wins over the defaults and --verbose")
  Path logConfig;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerLogging.configure(verbose, logConfig);
    var overrides = new HashMap<String, String>();
    Optional.ofNullable(dataDir).ifPresent(dir -> overrides.put(StepfoldConfig.DATA_DIR, dir.toString()));
    Optional.ofNullable(kafkaPort).ifPresent(port -> overrides.put(StepfoldConfig.EMBEDDED_KAFKA_PORT, port.toString()));
    Optional.ofNullable(registryPort).ifPresent(port -> overrides.put(StepfoldConfig.EMBEDDED_REGISTRY_PORT, port.toString()));
    Optional.ofNullable(apiPort).ifPresent(port -> overrides.put(StepfoldConfig.API_PORT, port.toString()));
    var configuration = this.configuration.load(System.getenv(), overrides);
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    boolean embedded = configuration.bootstrapServers().isEmpty();
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
    var apiUrl = "http://" + configuration.get(StepfoldConfig.API_HOST).orElseThrow() + ":" + api.port();
    out.printf("stepfold: Kafka at %s%s%n", runtime.bootstrapServers(),
        embedded ? " (embedded, data under " + configuration.dataDir().toAbsolutePath().normalize() + ")" : "");
    out.printf("stepfold: schema registry at %s%s%n", runtime.schemaRegistryUrl(), embedded ? " (embedded)" : "");
    out.printf("stepfold: AWS Step Functions API at %s (region %s, account %s)%n", apiUrl, configuration.arnFormat().region(),
        configuration.arnFormat().account());
    out.printf("stepfold: console at %s%s/%n", apiUrl, AwsJsonServer.CONSOLE_PATH);
    out.printf("stepfold: metrics at %s/metrics, health at %s/health/live and %s/health/ready%n", apiUrl, apiUrl, apiUrl);
    out.flush();
    if (runtime.awaitRunning(Duration.ofMinutes(5))) {
      out.printf("stepfold: ready; commands on %s, history on %s%n", runtime.topics().commands().name(), runtime.topics().history().name());
      out.flush();
    } else {
      err.println("stepfold: the topology did not reach RUNNING; state " + runtime.streams().state());
      err.flush();
    }
    runtime.awaitStopped(Duration.ofDays(36500));
    // stopped on its own (an error) rather than by a signal
    if (!stopping.get()) {
      err.println("stepfold: Kafka Streams stopped: " + runtime.streams().state());
      return 1;
    }
    return 0;
  }
}
