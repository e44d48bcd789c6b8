package dev.stepfold.benchmarks.load;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
import dev.stepfold.streams.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The end-to-end load driver: stepfold in embedded mode (broker, registry, topology, one JVM), a worker that answers
 * the workflow's one task, and a driver that creates the state machine, starts executions of it (by state machine
 * ARN) and watches the history topic (read_committed) for their ends. In the Kafka mode the starts are Avro commands
 * on the commands topic and the worker is the project's Kafka worker; in the API mode ({@code --mode api}) the starts
 * are StartExecution calls over the AWS Step Functions API, and the worker takes each task from the tasks topic and
 * answers it with SendTaskSuccess over the same API ({@link ApiLauncher}).
 *
 * <p>Three phases: a warm-up at saturation; a measured saturation phase (as many executions in flight as the window
 * allows) for executions/s and history events/s; a measured phase at a fixed fraction of that rate, open loop, for
 * the start-to-finish percentiles; with {@code --soak}, a long phase at that rate that samples what the run holds
 * ({@link ResourceUse}) as it goes. Peak RSS is the high-water mark of this JVM, which holds everything; RSS, the live
 * heap, the state directory and the broker's data are measured once the first execution has run and again at the end.
 * With a short {@code --retention} (stepfold's {@code stepfold.retention.ms}) a long run shows whether memory and
 * disk stay flat while executions keep finishing and being deleted. At the end, the records on every topic, changelogs
 * included, are counted and shown per execution ({@link RecordCounts}).
 */
@CommandLine.Command(name = "load", mixinStandardHelpOptions = true,
    description = "Runs executions of a 3-state workflow with one Kafka-worker task end to end on the embedded broker.")
public final class LoadDriver implements Callable<Integer> {
  static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  static final String TASK_RESOURCE = "arn:aws:states:::lambda:invoke";
  static final String DEFINITION = """
      {"Comment": "load driver: Pass, a Kafka-worker Task, Succeed",
       "StartAt": "Validate", "States": {
        "Validate": {"Type": "Pass", "Result": {"valid": true}, "ResultPath": "$.validation", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "%s", "Parameters": {"FunctionName": "%s", "Payload.$": "$"}, "ResultPath": "$.charge", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}""".formatted(TASK_RESOURCE, ChargeWorker.FUNCTION);

  @Option(names = "--warmup", description = "Seconds of warm-up at saturation (default: ${DEFAULT-VALUE}).")
  int warmupSeconds = 15;

  @Option(names = "--measure", description = "Seconds of each measured phase (default: ${DEFAULT-VALUE}).")
  int measureSeconds = 30;

  @Option(names = "--half-load", description = "Fraction of the saturation rate for the latency phase (default: ${DEFAULT-VALUE}).")
  double halfLoad = 0.5;

  @Option(names = "--max-outstanding", description = "Most executions in flight at saturation (default: ${DEFAULT-VALUE}).")
  int maxOutstanding = 5_000;

  @Option(names = "--partitions", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions = 6;

  @Option(names = "--stream-threads", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
  int streamThreads = 1;

  @Option(names = "--worker-threads", description = "Handler threads of the Kafka worker (default: ${DEFAULT-VALUE}).")
  int workerThreads = 2;

  /** How executions are started and their task answered. */
  enum Mode { kafka, api }

  @Option(names = "--mode", description = "kafka: Avro commands on the commands topic and the Kafka worker; api: StartExecution over the AWS "
      + "Step Functions API (HTTP) and the task, taken from the tasks topic, answered with SendTaskSuccess over HTTP (default: ${DEFAULT-VALUE}).")
  Mode mode = Mode.kafka;

  @Option(names = "--api-clients", description = "In the api mode, HTTP calls in flight for the starts, and as many for the answers "
      + "(default: ${DEFAULT-VALUE}).")
  int apiClients = 32;

  @Option(names = "--start-replies", description = "In the kafka mode, ask for a reply record to each StartExecution command, which the "
      + "driver does not read (default: ${DEFAULT-VALUE}: it watches the history).")
  boolean startReplies;

  @Option(names = "--retention", description = "Seconds a closed execution is kept (stepfold.retention.ms); default: stepfold's own, 90 days.")
  Long retentionSeconds;

  @Option(names = "--soak", description = "Seconds of a last phase at the latency phase's rate, sampling RSS and disk (default: ${DEFAULT-VALUE}).")
  int soakSeconds = 0;

  @Option(names = "--sample-every", description = "Seconds between the soak phase's samples (default: ${DEFAULT-VALUE}).")
  int sampleEverySeconds = 60;

  @Option(names = "--app-prop", description = "An extra Kafka Streams / stepfold setting, k=v (repeatable).")
  Map<String, String> appProperties = Map.of();

  @Option(names = "--report", description = "Also write the results as JSON to this file.")
  Path report;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadDriver()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    var dataDir = Files.createTempDirectory("stepfold-load-");
    var overrides = new java.util.HashMap<>(Map.of(
        StepfoldConfig.DATA_DIR, dataDir.toString(),
        StepfoldConfig.EMBEDDED_KAFKA_PORT, "0",
        StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0",
        StepfoldConfig.TOPIC_PARTITIONS, Integer.toString(partitions),
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-load",
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads),
        StepfoldConfig.API_PORT, "0"));
    if (retentionSeconds != null) {
      overrides.put(StepfoldConfig.RETENTION_MS, Long.toString(TimeUnit.SECONDS.toMillis(retentionSeconds)));
    }
    overrides.putAll(appProperties);
    var config = StepfoldConfig.of(overrides);
    System.out.printf("stepfold load driver, %s mode: %s%n", mode, config);
    try (var runtime = StepfoldRuntime.start(config)) {
      if (!runtime.awaitRunning(Duration.ofSeconds(120))) {
        throw new IllegalStateException("Expected the topology to run within 120 s, but it is " + runtime.streams().state());
      }
      LoadResults results;
      try (var launcher = mode == Mode.api ? new ApiLauncher(runtime, apiClients) : new KafkaLauncher(runtime, workerThreads, maxOutstanding, startReplies)) {
        results = drive(runtime, launcher, dataDir, config);
      }
      System.out.println(results.markdown());
      if (report != null) {
        Files.writeString(report, results.json());
      }
      return results.unsuccessful() == 0 ? 0 : 1;
    } finally {
      deleteQuietly(dataDir);
    }
  }

  private LoadResults drive(StepfoldRuntime runtime, Launcher launcher, Path dataDir, StepfoldConfig config) throws Exception {
    var topics = runtime.topics();
    var stateMachine = ArnFormat.DEFAULT.stateMachine("load");
    var tracker = new CompletionTracker(maxOutstanding);
    var watching = new AtomicBoolean(true);
    var watcher = new Thread(() -> watchHistory(runtime, topics, tracker, watching), "history-watcher");
    watcher.setDaemon(true);
    watcher.start();
    try {
      var starter = new Starter(launcher, stateMachine, tracker);
      starter.createStateMachine(DEFINITION);
      System.out.println("state machine created; waiting for a first execution to run");
      starter.awaitFirstExecution();
      var atStart = ResourceUse.now(dataDir);
      System.out.println("at the start: " + atStart.text());

      System.out.printf("warm-up: %d s at saturation%n", warmupSeconds);
      starter.saturate(Duration.ofSeconds(warmupSeconds), new LatencyRecorder());

      System.out.printf("saturation: %d s, at most %d executions in flight%n", measureSeconds, maxOutstanding);
      long doneBefore = tracker.succeeded() + tracker.unsuccessful();
      long eventsBefore = tracker.historyEvents();
      long t0 = System.nanoTime();
      starter.saturate(Duration.ofSeconds(measureSeconds), new LatencyRecorder());
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double executionsPerSecond = (tracker.succeeded() + tracker.unsuccessful() - doneBefore) / elapsed;
      double eventsPerSecond = (tracker.historyEvents() - eventsBefore) / elapsed;
      awaitDrained(tracker);

      double rate = executionsPerSecond * halfLoad;
      System.out.printf("latency: %d s at %.0f executions/s%n", measureSeconds, rate);
      var latencies = new LatencyRecorder();
      int sent = starter.atRate(rate, Duration.ofSeconds(measureSeconds), latencies);
      awaitDrained(tracker);

      int soaked = soak(starter, tracker, rate, dataDir);
      var atEnd = ResourceUse.now(dataDir);
      System.out.println("at the end: " + atEnd.text());
      System.out.println("counting the records on every topic");
      return new LoadResults(mode.name(), partitions, streamThreads, maxOutstanding, executionsPerSecond, eventsPerSecond, rate, sent,
          latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.percentileMillis(1.0),
          tracker.succeeded(), tracker.unsuccessful(), ResourceUse.peakRssMebibytes(), config.retention(), soakSeconds, soaked, atStart, atEnd,
          RecordCounts.byTopic(runtime.bootstrapServers()), topics.commands().name());
    } finally {
      watching.set(false);
      watcher.join(10_000);
    }
  }

  /** The soak phase, if asked for: executions at {@code rate}, what the run holds printed every {@code --sample-every} s; the number started. */
  private int soak(Starter starter, CompletionTracker tracker, double rate, Path dataDir) throws InterruptedException {
    if (soakSeconds <= 0) {
      return 0;
    }
    System.out.printf("soak: %d s at %.0f executions/s, a sample every %d s%n", soakSeconds, rate, sampleEverySeconds);
    var sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      var thread = new Thread(runnable, "resource-sampler");
      thread.setDaemon(true);
      return thread;
    });
    long begin = System.nanoTime();
    sampler.scheduleAtFixedRate(() -> System.out.printf("  %5d s: %s executions finished; %s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin),
        format(tracker.succeeded() + tracker.unsuccessful()), ResourceUse.now(dataDir).text()), sampleEverySeconds, sampleEverySeconds, TimeUnit.SECONDS);
    try {
      int sent = starter.atRate(rate, Duration.ofSeconds(soakSeconds), new LatencyRecorder());
      awaitDrained(tracker);
      return sent;
    } finally {
      sampler.shutdownNow();
    }
  }

  private static void awaitDrained(CompletionTracker tracker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (tracker.open() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (tracker.open() > 0) {
      throw new IllegalStateException("Expected every execution to end within 120 s, but " + tracker.open() + " are still open");
    }
  }

  private static void watchHistory(StepfoldRuntime runtime, Topics topics, CompletionTracker tracker, AtomicBoolean watching) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), topics.history().valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.history().name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (watching.get()) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          HistoryEventRecord event = record.value();
          if (event == null) {
            continue;   // a tombstone: retention deleted an execution that ended
          }
          tracker.event(record.key(), event.getType().name(), System.nanoTime());
        }
      }
    }
  }

  /**
   * Creates the state machine, then starts executions that name it by ARN (the runtime takes the definition from its
   * state machine store), either as fast as the outstanding window allows or at a fixed rate.
   */
  private static final class Starter {
    private final Launcher launcher;
    private final StateMachineArn stateMachine;
    private final CompletionTracker tracker;
    private long next;

    Starter(Launcher launcher, StateMachineArn stateMachine, CompletionTracker tracker) {
      this.launcher = launcher;
      this.stateMachine = stateMachine;
      this.tracker = tracker;
    }

    void createStateMachine(String definition) throws Exception {
      launcher.createStateMachine(stateMachine, definition);
    }

    /** Starts executions one at a time until one ends: the state machine store of the runtime has the new definition. */
    void awaitFirstExecution() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        var probe = new LatencyRecorder();
        tracker.acquire();
        var executionArn = start(probe);
        long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (probe.count() == 0 && System.nanoTime() < probeDeadline) {
          Thread.sleep(10);
        }
        if (probe.count() > 0) {
          return;
        }
        tracker.abandon(executionArn);  // started before the state machine store knew the state machine: refused
      }
      throw new IllegalStateException("Expected an execution of " + stateMachine + " to end within 60 s, but none did");
    }

    void saturate(Duration duration, LatencyRecorder phase) throws InterruptedException {
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        tracker.acquire();
        start(phase);
      }
    }

    /** Starts executions at {@code perSecond}, open loop; the number started. */
    int atRate(double perSecond, Duration duration, LatencyRecorder phase) throws InterruptedException {
      long period = (long) (1e9 / perSecond);
      long begin = System.nanoTime();
      long end = begin + duration.toNanos();
      int sent = 0;
      for (long due = begin; due < end; due += period) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        tracker.acquire();
        start(phase);
        sent++;
      }
      return sent;
    }

    private String start(LatencyRecorder phase) throws InterruptedException {
      var execution = stateMachine.execution("load-" + next++);
      tracker.started(execution.value(), System.nanoTime(), phase);
      launcher.start(stateMachine, execution.name(), "{\"orderId\": " + next + ", \"amount\": 42}", () -> tracker.abandon(execution.value()));
      return execution.value();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
