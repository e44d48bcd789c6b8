package dev.stepfold.streams;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in this JVM: KRaft in combined mode (broker and controller, node 1), plaintext on
 * {@code localhost}, sized for one machine (replication factor 1, few partitions for the internal topics). Its log
 * directory is formatted on first use and kept, so topics and data survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker with its data under {@code dataDir}, listening on {@code port} (0: a free port). */
  public static EmbeddedKafka start(Path dataDir, int port, Duration timeout) throws Exception {
    var logDir = Files.createDirectories(dataDir).toAbsolutePath().toString();
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    var properties = new Properties();
    properties.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER + "://localhost:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort),
        Map.entry("controller.listener.names", CONTROLLER),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
        Map.entry("log.dirs", logDir),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("num.network.threads", "2"),
        Map.entry("num.io.threads", "2"),
        Map.entry("background.threads", "2"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "3"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "3"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // Recovery after a crash of this process. Restarted, the broker registers a new incarnation of node 1, which the
        // controller refuses ("Another broker is registered with that ID") until the dead incarnation's session has
        // expired: 9 s by default. Broker and controller live and die together here, so a short session costs nothing.
        Map.entry("broker.heartbeat.interval.ms", "500"),
        Map.entry("broker.session.timeout.ms", "2000"),
        // After a crash, each log is scanned again from its recovery point, which only moves when the log is flushed:
        // flushing every 2 s (and checkpointing the recovery points as often) keeps that scan to the last seconds of
        // writes instead of whole segments. Two threads, one per core, load the partitions' logs.
        Map.entry("log.flush.interval.ms", "2000"),
        Map.entry("log.flush.scheduler.interval.ms", "1000"),
        Map.entry("log.flush.offset.checkpoint.interval.ms", "2000"),
        Map.entry("num.recovery.threads.per.data.dir", "2")));
    var config = KafkaConfig.fromProps(properties, false);
    if (Files.notExists(Path.of(logDir, "meta.properties"))) {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir))
          .setMetadataLogDirectory(logDir)
          .setControllerListenerName(CONTROLLER)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
      LOG.info("Formatted the broker's log directory {}", logDir);
    }
    var server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    var kafka = new EmbeddedKafka(server, "localhost:" + brokerPort);
    try {
      kafka.awaitReady(timeout);
    } catch (Exception e) {
      kafka.close();
      throw e;
    }
    LOG.info("Kafka broker listening on {}, data under {}", kafka.bootstrapServers, logDir);
    return kafka;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Expected the broker to be ready within " + timeout + ", but it is not", notYet);
          }
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker on {} stopped", bootstrapServers);
  }
}
