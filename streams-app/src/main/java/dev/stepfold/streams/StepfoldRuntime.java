package dev.stepfold.streams;

import dev.stepfold.engine.ActivityDirectory;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.metrics.StepfoldMetrics;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.tasks.TaskRunners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stepfold running: with no {@code bootstrap.servers} configured, an embedded broker ({@link EmbeddedKafka}) and
 * registry ({@link EmbeddedSchemaRegistry}) first, data under {@code stepfold.data.dir}; then the missing topics, and
 * the topology on Kafka Streams, with the internal read endpoint ({@link ReadServer}) at its {@code application.server}
 * (by default {@code stepfold.reads.host} and a free port) so that reads reach the instance that owns them. Against a
 * cluster, a schema registry URL is required: an in-memory registry would forget the ids of records the cluster keeps.
 */
public final class StepfoldRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepfoldRuntime.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final List<AutoCloseable> started;
  private final ReadServer readServer;
  private final KafkaStreams streams;
  private final String bootstrapServers;
  private final String registryUrl;
  private final Topics topics;
  private final ExecutionQueries queries;
  private final StateMachineReads stateMachines;
  private final StepfoldConfig config;
  private final HostInfo self;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final boolean staticMember;
  private final StepfoldMetrics metrics;
  private Optional<TaskRunners> taskRunners = Optional.empty();

  private StepfoldRuntime(List<AutoCloseable> started, ReadServer readServer, KafkaStreams streams, String bootstrapServers, String registryUrl,
      Topics topics, ExecutionQueries queries, StepfoldConfig config, HostInfo self, boolean staticMember, StepfoldMetrics metrics) {
    this.metrics = metrics;
    this.self = self;
    this.config = config;
    this.stateMachines = new StateMachineReads(streams);
    this.started = started;
    this.readServer = readServer;
    this.queries = queries;
    this.staticMember = staticMember;
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.topics = topics;
  }

  public static StepfoldRuntime start(StepfoldConfig config) throws Exception {
    var started = new ArrayList<AutoCloseable>();
    var metrics = new StepfoldMetrics();
    started.add(metrics);   // closed last
    ReadServer readServer = null;
    try {
      var bootstrap = config.bootstrapServers();
      var registryUrl = config.schemaRegistryUrl();
      if (bootstrap.isEmpty()) {
        int port = config.embeddedKafkaPort();
        var kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), port, START_TIMEOUT);
        started.add(kafka);
        bootstrap = Optional.of(kafka.bootstrapServers());
      }
      if (registryUrl.isEmpty()) {
        if (config.bootstrapServers().isPresent()) {
          throw new IllegalArgumentException("Expected " + StepfoldConfig.SCHEMA_REGISTRY_URL
              + " with bootstrap.servers: records on a cluster outlive an in-memory registry");
        }
        var registry = EmbeddedSchemaRegistry.start(config.embeddedRegistryPort(),
            Optional.of(config.dataDir().resolve("schema-registry.jsonl")));
        started.add(registry);
        registryUrl = Optional.of(registry.url());
      }
      var effective = config.with(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.get()));
      if (effective.get(StreamsConfig.STATE_DIR_CONFIG).isEmpty()) {
        effective = effective.with(Map.of(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("streams").toAbsolutePath().toString()));
      }
      if (!isStaticMember(effective)) {
        var name = InstanceName.resolve(config.instanceName(), config.dataDir().resolve("instance-name"));
        var applicationId = effective.get(StreamsConfig.APPLICATION_ID_CONFIG).orElseThrow();
        effective = effective.with(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, applicationId + "-" + name));
        LOG.info("Instance {}: static group membership as {}-<stream thread>", name, applicationId + "-" + name);
      }
      var registry = new RestSchemaRegistryClient(registryUrl.get(), effective.get(StepfoldConfig.SCHEMA_REGISTRY_BASIC_AUTH), Duration.ofSeconds(10));
      var topics = Topics.create(effective.topicPrefix(), registry);
      int commandPartitions;
      try (var admin = Admin.create(effective.streamsProperties())) {
        TopicProvisioner.createMissing(admin, effective);
        commandPartitions = TopicProvisioner.partitions(admin, topics.commands().name(), START_TIMEOUT);
      }
      // the topic as it is, which a bulk redrive sends a shard to each partition of
      effective = effective.with(Map.of(StepfoldConfig.partitionsKey(Topics.COMMANDS), Integer.toString(commandPartitions)));
      readServer = ReadServer.start(effective.readsHost(), effective.readsPort(), effective.readsThreads());
      if (effective.get(StreamsConfig.APPLICATION_SERVER_CONFIG).isEmpty()) {
        effective = effective.with(Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, effective.readsHost() + ":" + readServer.port()));
      }
      var self = HostInfo.buildFromEndpoint(effective.get(StreamsConfig.APPLICATION_SERVER_CONFIG).get());
      LOG.info("Internal read endpoint on {}:{}, known to the other instances as {}", effective.readsHost(), readServer.port(), self);
      var deleting = new DeletingStateMachines();
      var nestedRedrive = effective.nestedRedrive();
      var streams = new KafkaStreams(StepfoldTopology.engineAsking(topics, effective, activities -> new StepfoldDecider(activities, deleting, nestedRedrive),
          metrics.processing()), effective.streamsProperties());
      metrics.bind(streams);
      deleting.readFrom(new StateMachineReads(streams));
      var queries = ExecutionQueries.onStreams(streams, self, topics.commands().name(), commandPartitions, effective.readsTimeout(), readServer,
          new StepfoldDecider(ActivityDirectory.ANY, deleting, nestedRedrive));
      var runtime = new StepfoldRuntime(started, readServer, streams, bootstrap.get(), registryUrl.get(), topics, queries, effective,
          self, isStaticMember(effective), metrics);
      streams.setStateListener((newState, oldState) -> {
        LOG.info("Kafka Streams {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
          runtime.stopped.countDown();
        }
      });
      streams.setUncaughtExceptionHandler(e -> {
        LOG.error("A stream thread failed; stopping", e);
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      runtime.taskRunners = TaskRunners.start(effective, registry, executionArn -> ExecutionHistories.all(queries, executionArn));
      runtime.taskRunners.ifPresent(started::add);
      return runtime;
    } catch (Exception | Error e) {
      if (readServer != null) {
        readServer.close();
      }
      closeAll(started);
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String schemaRegistryUrl() {
    return registryUrl;
  }

  public Topics topics() {
    return topics;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Where the other instances reach this one's read endpoint ({@code application.server}). */
  public HostInfo applicationServer() {
    return self;
  }

  /** DescribeExecution, ListExecutions, GetExecutionHistory and the redrive plan, from whichever instance owns the execution. */
  public ExecutionQueries queries() {
    return queries;
  }

  /** The state machines and their versions, from this instance's global store. */
  public StateMachineReads stateMachines() {
    return stateMachines;
  }

  /** The process's metrics: the topology's work, Kafka Streams' own; the API adds its own and serves them at {@code /metrics}. */
  public StepfoldMetrics metrics() {
    return metrics;
  }

  /** The runners of the tasks routed to the server itself (HTTP tasks, Lambda-style endpoints, mocks); empty when none is. */
  public Optional<TaskRunners> taskRunners() {
    return taskRunners;
  }

  /** The configuration as the runtime runs with it: the embedded broker's address, the state directory, the topics' partitions. */
  public StepfoldConfig config() {
    return config;
  }

  /** Waits until the topology runs; false when it did not within the timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Waits until Kafka Streams stops on its own (an error); false on timeout. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the topology, then what was started for it. A static member ({@code group.instance.id}: by default, the
   * instance name) stays in its group, to come back to the same partitions without a rebalance (a rolling restart moves
   * nothing); an instance configured without one leaves, so that its partitions move at once.
   */
  @Override
  public void close() {
    var leave = staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(leave));
    readServer.close();
    closeAll(started);
  }

  /** Whether the instance has a static group membership, set for its consumers or its main consumer. */
  static boolean isStaticMember(StepfoldConfig config) {
    var key = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
    return config.get(key).or(() -> config.get(StreamsConfig.consumerPrefix(key))).or(() -> config.get(StreamsConfig.mainConsumerPrefix(key))).isPresent();
  }

  private static void closeAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("Could not stop {}", started.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
