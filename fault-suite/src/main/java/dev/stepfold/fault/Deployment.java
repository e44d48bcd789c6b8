package dev.stepfold.fault;

import dev.stepfold.cli.Main;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * stepfold as an operator runs it, each piece a process of its own: {@code stepfold server} in embedded mode (broker,
 * registry and runtime in one JVM), or an app-only {@code stepfold server} against a broker-and-registry JVM
 * ({@link BrokerMain}). Ports are fixed when the deployment is made, so a restarted process is found where it was.
 */
public final class Deployment implements AutoCloseable {
  public enum Mode { EMBEDDED, CLUSTER }

  private final Mode mode;
  private final Path dir;
  private final int kafkaPort;
  private final int registryPort;
  private final int apiPort;
  private final List<String> serverSettings;
  private ChildJvm broker;
  private ChildJvm server;
  private int serverStarts;

  private Deployment(Mode mode, Path dir, List<String> serverSettings) throws IOException {
    this.mode = mode;
    this.dir = dir;
    this.kafkaPort = freePort();
    this.registryPort = freePort();
    this.apiPort = freePort();
    this.serverSettings = List.copyOf(serverSettings);
  }

  /** A deployment under {@code dir}; {@code serverSettings} are {@code -Dkey=value} settings of the server. */
  public static Deployment create(Mode mode, Path dir, List<String> serverSettings) throws IOException {
    return new Deployment(mode, dir, serverSettings);
  }

  public Mode mode() {
    return mode;
  }

  public String bootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  public String registryUrl() {
    return "http://localhost:" + registryPort;
  }

  public String apiUrl() {
    return "http://localhost:" + apiPort;
  }

  /** Starts what runs beside the server (in cluster mode, the broker), then the server. */
  public void start() throws IOException {
    if (mode == Mode.CLUSTER) {
      startBroker();
    }
    startServer();
  }

  /** In cluster mode, starts the broker-and-registry JVM (again, on the same data directory and ports). */
  public void startBroker() throws IOException {
    if (mode != Mode.CLUSTER || (broker != null && broker.isAlive())) {
      throw new IllegalStateException("Expected a cluster deployment whose broker is gone, but it is " + mode + " with " + broker);
    }
    broker = ChildJvm.start("broker", BrokerMain.class.getName(),
        List.of(dir.resolve("broker").toString(), Integer.toString(kafkaPort), Integer.toString(registryPort)), Map.of(),
        dir.resolve("broker.log"));
  }

  /** In cluster mode, SIGKILLs the broker-and-registry JVM; the server keeps running, cut off. */
  public void killBroker() throws InterruptedException {
    broker.kill();
  }

  /** Starts the server again on the same data directory; the previous one must be gone. */
  public void startServer() throws IOException {
    if (server != null && server.isAlive()) {
      throw new IllegalStateException("Expected the server to be gone before it is started again, but " + server + " runs");
    }
    var args = new ArrayList<String>();
    args.add("server");
    args.add("--data-dir=" + dir.resolve("server"));
    args.add("--api-port=" + apiPort);
    var environment = new java.util.HashMap<String, String>();
    if (mode == Mode.EMBEDDED) {
      args.add("--kafka-port=" + kafkaPort);
      args.add("--registry-port=" + registryPort);
    } else {
      environment.put("STEPFOLD_BOOTSTRAP_SERVERS", bootstrapServers());
      environment.put("STEPFOLD_SCHEMA_REGISTRY_URL", registryUrl());
    }
    serverSettings.forEach(setting -> args.add(setting));
    server = ChildJvm.start("server-" + ++serverStarts, Main.class.getName(), args, environment, dir.resolve("server.log"));
  }

  /** SIGKILLs the server (in embedded mode, the broker with it). */
  public void killServer() throws InterruptedException {
    server.kill();
  }

  public ChildJvm server() {
    return server;
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.stop(Duration.ofSeconds(30));
    }
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
