package dev.stepfold.benchmarks.load;

import static dev.stepfold.benchmarks.load.LoadDriver.format;

import com.sun.net.httpserver.HttpServer;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The task runners under load: executions of a one-Task workflow, started by Avro commands ({@link KafkaLauncher}), on
 * stepfold in embedded mode, the task done either by the project's Kafka worker client ({@code --runner kafka-worker},
 * {@code lambda:invoke} answered by {@link ChargeWorker}) or by the server's HTTP runner ({@code --runner http},
 * {@code http:invoke} routed to the server and POSTed to a loopback endpoint — the JDK's HTTP server, answering at
 * once). Two measured phases after a warm-up: tasks/s at saturation (as many executions in flight as the window allows),
 * then the task latency, dispatch to answer taken ({@link TaskLatencies}), at a fraction of that rate, open loop.
 */
@CommandLine.Command(name = "task-load", mixinStandardHelpOptions = true,
    description = "Measures the Kafka worker client's and the HTTP task runner's tasks/s and task latency on the embedded broker.")
public final class TaskLoad implements Callable<Integer> {
  /** Who does the task. */
  enum Runner {
    KAFKA_WORKER("kafka-worker"), HTTP("http");

    final String option;

    Runner(String option) {
      this.option = option;
    }

    @Override
    public String toString() {
      return option;
    }
  }

  @Option(names = "--runner", required = true, converter = RunnerConverter.class,
      description = "kafka-worker: the Kafka worker client answers a lambda:invoke task; http: the server's HTTP runner calls a loopback endpoint.")
  Runner runner;

  @CommandLine.Mixin
  LoadPhases phases = new LoadPhases();

  @Option(names = "--partitions", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions = 6;

  @Option(names = "--threads", description = "Tasks run at once: the Kafka worker's handler threads, or stepfold.tasks.threads of the "
      + "HTTP runner (default: ${DEFAULT-VALUE}).")
  int threads = 4;

  @Option(names = "--app-prop", description = "An extra Kafka Streams / stepfold setting, k=v (repeatable).")
  Map<String, String> appProperties = Map.of();

  public static void main(String[] args) {
    System.exit(new CommandLine(new TaskLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");   // read when the first JDK HTTP server starts: the endpoint's, below
    var dataDir = Files.createTempDirectory("stepfold-task-load-");
    var endpoint = runner == Runner.HTTP ? loopbackEndpoint() : null;
    var overrides = new HashMap<>(Map.of(
        StepfoldConfig.DATA_DIR, dataDir.toString(),
        StepfoldConfig.EMBEDDED_KAFKA_PORT, "0",
        StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0",
        StepfoldConfig.TOPIC_PARTITIONS, Integer.toString(partitions),
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-task-load",
        StepfoldConfig.API_PORT, "0"));
    if (runner == Runner.HTTP) {
      overrides.put("stepfold.tasks.route.http.resource", "arn:aws:states:::http:invoke");
      overrides.put("stepfold.tasks.route.http.runner", "http");
      overrides.put("stepfold.tasks.threads", Integer.toString(threads));
    }
    overrides.putAll(appProperties);
    var config = StepfoldConfig.of(overrides);
    System.out.printf("stepfold task load, runner %s, %d threads%n", runner, threads);
    try (var runtime = StepfoldRuntime.start(config);
        // kafka-worker: its worker does the task; http: it idles, as no routed task reaches a Kafka worker
        var launcher = new KafkaLauncher(runtime, threads, phases.maxOutstanding, false)) {
      if (!runtime.awaitRunning(Duration.ofSeconds(120))) {
        throw new IllegalStateException("Expected the topology to run within 120 s, but it is " + runtime.streams().state());
      }
      return drive(runtime, launcher, definition(endpoint));
    } finally {
      if (endpoint != null) {
        endpoint.stop(0);
      }
      deleteQuietly(dataDir);
    }
  }

  private int drive(StepfoldRuntime runtime, KafkaLauncher launcher, String definition) throws Exception {
    var completions = new CompletionTracker(phases.maxOutstanding);
    var tasks = new TaskLatencies();
    var executions = new LatencyRecorder();   // start to finish, which this load does not report
    try (var watcher = HistoryWatcher.start(runtime.bootstrapServers(), runtime.topics(), (executionArn, type, nanos) -> {
      tasks.event(executionArn, type, nanos);
      completions.event(executionArn, type, nanos);
    })) {
      var starter = new ExecutionStarter(launcher, ArnFormat.DEFAULT.stateMachine("task-load"), completions, (executionArn, nanos, phase) -> {
        completions.started(executionArn, nanos, executions);
        tasks.started(executionArn, phase);
      }, "task-");
      launcher.createStateMachine(starter.stateMachine(), definition);
      starter.awaitFirstExecution();

      System.out.printf("warm-up: %d s at saturation%n", phases.warmupSeconds);
      starter.saturate(Duration.ofSeconds(phases.warmupSeconds), new LatencyRecorder());

      System.out.printf("saturation: %d s, at most %d executions in flight%n", phases.measureSeconds, phases.maxOutstanding);
      long doneBefore = completions.succeeded() + completions.unsuccessful();
      long t0 = System.nanoTime();
      starter.saturate(Duration.ofSeconds(phases.measureSeconds), new LatencyRecorder());
      double tasksPerSecond = (completions.succeeded() + completions.unsuccessful() - doneBefore) / ((System.nanoTime() - t0) / 1e9);
      starter.awaitDrained();

      double rate = tasksPerSecond * phases.halfLoad;
      System.out.printf("latency: %d s at %.0f tasks/s%n", phases.measureSeconds, rate);
      var latencies = new LatencyRecorder();
      int sent = starter.atRate(rate, Duration.ofSeconds(phases.measureSeconds), latencies);
      starter.awaitDrained();

      System.out.printf("""

          | runner | tasks/s at saturation | latency phase | p50 dispatch to answer | p99 dispatch to answer | max | tasks succeeded / not |
          |---|---|---|---|---|---|---|
          | %s (%d threads, %d partitions) | %s | %s tasks at %s/s | %.1f ms | %.1f ms | %.1f ms | %d / %d |
          """, runner, threads, partitions, format(tasksPerSecond), format(sent), format(rate), latencies.percentileMillis(0.50),
          latencies.percentileMillis(0.99), latencies.percentileMillis(1.0), completions.succeeded(), completions.unsuccessful());
      return completions.unsuccessful() == 0 ? 0 : 1;
    }
  }

  /** One Task state: the Kafka worker's {@code lambda:invoke}, or an {@code http:invoke} POST to the loopback endpoint. */
  private String definition(HttpServer endpoint) {
    var task = runner == Runner.HTTP
        ? """
          {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
           "Parameters": {"ApiEndpoint": "http://127.0.0.1:%d/charge", "Method": "POST", "RequestBody.$": "$"}}"""
            .formatted(endpoint.getAddress().getPort())
        : """
          {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
           "Parameters": {"FunctionName": "%s", "Payload.$": "$"}}""".formatted(ChargeWorker.FUNCTION);
    return """
        {"Comment": "task load: one task", "StartAt": "Charge", "States": {"Charge": %s}}""".formatted(task);
  }

  /**
   * The service the HTTP runner calls: answers every POST at once with a receipt. The JDK's server writes the headers and
   * the body apart; without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK would add some 40 ms to each call.
   */
  private HttpServer loopbackEndpoint() throws java.io.IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    var receipt = "{\"receipt\": \"r-1\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/charge", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, receipt.length);
        exchange.getResponseBody().write(receipt);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(Math.max(2, threads)));
    server.start();
    return server;
  }

  static final class RunnerConverter implements CommandLine.ITypeConverter<Runner> {
    @Override
    public Runner convert(String value) {
      for (var runner : Runner.values()) {
        if (runner.option.equals(value)) {
          return runner;
        }
      }
      throw new CommandLine.TypeConversionException("Expected kafka-worker or http, but got '" + value + "'");
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }
}
