package dev.stepfold.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The kills of the fault suite, one kind after the other. Embedded: the server (broker, registry and runtime together)
 * SIGKILLed and restarted on its data directory. One app instance against a broker JVM: the server, then the broker
 * (the server cut off meanwhile). Several app instances: one of them, in turn, SIGKILLed and left down until every
 * partition is processed again by the others (its partitions have moved: its static membership's session ended), then
 * restarted; then the broker.
 */
final class Kills {
  static final String SERVER = "server SIGKILL and restart";
  static final String BROKER = "broker SIGKILL and restart";

  private final Deployment deployment;
  private final Probes probes;
  private final FaultCounts faults;
  private final List<Long> recoveries = new ArrayList<>();
  private final List<Long> failovers = new ArrayList<>();
  private int kills;

  Kills(Deployment deployment, Probes probes, FaultCounts faults) {
    this.deployment = deployment;
    this.probes = probes;
    this.faults = faults;
  }

  static String instanceKill(int instances) {
    return "app instance SIGKILL (one of " + instances + "), partitions moved, restart";
  }

  void next() throws Exception {
    int kill = kills++;
    if (deployment.mode() == Deployment.Mode.CLUSTER && kill % 2 == 1) {
      faults.count(BROKER);
      deployment.killBroker();
      restarted(deployment::startBroker, "after-broker-kill-" + kill);
    } else if (deployment.instances() > 1) {
      int instance = (kill / 2) % deployment.instances();
      faults.count(instanceKill(deployment.instances()));
      deployment.killInstance(instance);
      long killed = System.nanoTime();
      probes.everyPartition("failover-" + kill);
      failovers.add((System.nanoTime() - killed) / 1_000_000);
      deployment.startInstance(instance);
    } else {
      faults.count(SERVER);
      deployment.killServer();
      restarted(deployment::startServer, "after-server-kill-" + kill);
    }
  }

  private interface Start {
    void start() throws Exception;
  }

  /** Starts what was killed and times the restart to the first processed command. */
  private void restarted(Start start, String probe) throws Exception {
    long restarted = System.nanoTime();
    start.start();
    probes.one(probe);
    recoveries.add((System.nanoTime() - restarted) / 1_000_000);
  }

  /** Restart to first processed command, of each restart of a server or of the broker. */
  List<Long> recoveries() {
    return recoveries;
  }

  /** SIGKILL to every partition processed again, of each kill of one instance of several. */
  List<Long> failovers() {
    return failovers;
  }
}
