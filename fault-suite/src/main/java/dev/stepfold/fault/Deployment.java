package dev.stepfold.fault;

import dev.stepfold.cli.Main;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * stepfold as an operator runs it, each piece a process of its own: {@code stepfold server} in embedded mode (broker,
 * registry and runtime in one JVM), or one or more app-only {@code stepfold server} instances, each on a data
 * directory of its own, against a broker-and-registry JVM ({@link BrokerMain}). Ports are fixed when the deployment is
 * made, so a restarted process is found where it was.
 */
public final class Deployment implements AutoCloseable {
  public enum Mode { EMBEDDED, CLUSTER }

  private final Mode mode;
  private final Path dir;
  private final int kafkaPort;
  private final int registryPort;
  private final List<Integer> apiPorts = new ArrayList<>();
  private final List<String> serverSettings;
  private final ChildJvm[] servers;
  private ChildJvm broker;
  private int serverStarts;

  private Deployment(Mode mode, int instances, Path dir, List<String> serverSettings) throws IOException {
    if (instances < 1 || (mode == Mode.EMBEDDED && instances > 1)) {
      throw new IllegalArgumentException("Expected one embedded server or any number of app instances, but got " + instances + " in " + mode);
    }
    this.mode = mode;
    this.dir = dir;
    this.kafkaPort = freePort();
    this.registryPort = freePort();
    for (int i = 0; i < instances; i++) {
      apiPorts.add(freePort());
    }
    this.servers = new ChildJvm[instances];
    this.serverSettings = List.copyOf(serverSettings);
  }

  /** A deployment of one server under {@code dir}; {@code serverSettings} are {@code -Dkey=value} settings of the server. */
  public static Deployment create(Mode mode, Path dir, List<String> serverSettings) throws IOException {
    return new Deployment(mode, 1, dir, serverSettings);
  }

  /** A deployment of {@code instances} servers (in embedded mode, one), sharing the broker. */
  public static Deployment create(Mode mode, int instances, Path dir, List<String> serverSettings) throws IOException {
    return new Deployment(mode, instances, dir, serverSettings);
  }

  public Mode mode() {
    return mode;
  }

  public int instances() {
    return servers.length;
  }

  public String bootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  public String registryUrl() {
    return "http://localhost:" + registryPort;
  }

  /** The API of the first instance. */
  public String apiUrl() {
    return apiUrl(0);
  }

  public String apiUrl(int instance) {
    return "http://localhost:" + apiPorts.get(instance);
  }

  public List<String> apiUrls() {
    return apiPorts.stream().map(port -> "http://localhost:" + port).toList();
  }

  /** Starts what runs beside the servers (in cluster mode, the broker), then the servers. */
  public void start() throws IOException {
    if (mode == Mode.CLUSTER) {
      startBroker();
    }
    for (int i = 0; i < servers.length; i++) {
      startInstance(i);
    }
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

  /** In cluster mode, SIGKILLs the broker-and-registry JVM; the servers keep running, cut off. */
  public void killBroker() throws InterruptedException {
    broker.kill();
  }

  /** Starts the first instance again on its data directory; it must be gone. */
  public void startServer() throws IOException {
    startInstance(0);
  }

  /** Starts an instance (again) on its data directory, so under the instance name it keeps there; it must be gone. */
  public void startInstance(int instance) throws IOException {
    var running = servers[instance];
    if (running != null && running.isAlive()) {
      throw new IllegalStateException("Expected instance " + instance + " to be gone before it is started again, but " + running + " runs");
    }
    var args = new ArrayList<String>();
    args.add("server");
    args.add("--data-dir=" + dir.resolve(instanceName(instance)));
    args.add("--api-port=" + apiPorts.get(instance));
    var environment = new HashMap<String, String>();
    if (mode == Mode.EMBEDDED) {
      args.add("--kafka-port=" + kafkaPort);
      args.add("--registry-port=" + registryPort);
    } else {
      environment.put("STEPFOLD_BOOTSTRAP_SERVERS", bootstrapServers());
      environment.put("STEPFOLD_SCHEMA_REGISTRY_URL", registryUrl());
    }
    args.addAll(serverSettings);
    servers[instance] = ChildJvm.start(instanceName(instance) + "-" + ++serverStarts, Main.class.getName(), args, environment,
        dir.resolve(instanceName(instance) + ".log"));
  }

  /** SIGKILLs the first instance (in embedded mode, the broker with it). */
  public void killServer() throws InterruptedException {
    killInstance(0);
  }

  public void killInstance(int instance) throws InterruptedException {
    servers[instance].kill();
  }

  public boolean isAlive(int instance) {
    return servers[instance] != null && servers[instance].isAlive();
  }

  public ChildJvm server() {
    return servers[0];
  }

  @Override
  public void close() throws InterruptedException {
    for (var server : servers) {
      if (server != null) {
        server.stop(Duration.ofSeconds(30));
      }
    }
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
  }

  /** The first instance keeps the name one server had ({@code server}), so its directory and log are where they were. */
  private static String instanceName(int instance) {
    return instance == 0 ? "server" : "server-" + instance;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
