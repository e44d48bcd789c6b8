package dev.stepfold.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long {@code stepfold server} takes, after a SIGKILL, from its restart to the first command it processes:
 * it starts a server (embedded, or app-only against a broker JVM), gives it executions to hold, then, round after
 * round, SIGKILLs it, starts it again on the same data directory and at once produces a StartExecution, and times the
 * restart to the arrival of that command's reply.
 *
 * <pre>java -cp ... dev.stepfold.fault.RecoveryProbe [--mode embedded|cluster] [--rounds 5] [--executions 200] [--dir DIR]</pre>
 */
public final class RecoveryProbe {
  private static final String PASS = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}""";
  /** Held open across the restarts: a task no worker answers, with a time-out and a Wait, so stores and timers are not empty. */
  private static final String HELD = """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1, "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "nobody"}, "TimeoutSeconds": 3600, "End": true}}}""";

  private RecoveryProbe() {}

  public static void main(String[] args) throws Exception {
    var mode = Deployment.Mode.EMBEDDED;
    int rounds = 5;
    int executions = 200;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--mode" -> mode = Deployment.Mode.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--executions" -> executions = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("stepfold-recovery-probe");
    }
    var times = measure(mode, rounds, executions, dir);
    var sorted = times.stream().sorted().toList();
    System.out.printf("recovery probe, %s mode, %d rounds, %d executions held: restart to first processed command %s ms; p50 %d ms, max %d ms%n",
        mode.name().toLowerCase(java.util.Locale.ROOT), rounds, executions, times, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    System.exit(0);
  }

  /** The milliseconds from each restart to the first reply of the restarted server. */
  public static List<Long> measure(Deployment.Mode mode, int rounds, int executions, Path dir) throws Exception {
    var times = new ArrayList<Long>();
    try (var deployment = Deployment.create(mode, dir, List.of())) {
      deployment.start();
      try (var watch = TopicWatch.start(deployment.bootstrapServers(), deployment.registryUrl(), Duration.ofMinutes(3))) {
        start(watch, "warm-up", PASS);
        watch.awaitReply("probe-warm-up", Duration.ofMinutes(3));
        for (int i = 0; i < executions; i++) {
          start(watch, "held-" + i, HELD);
        }
        watch.awaitReply("probe-held-" + (executions - 1), Duration.ofMinutes(3));
        for (int round = 1; round <= rounds; round++) {
          Thread.sleep(2000);   // commits and checkpoints as they come in steady running
          deployment.killServer();
          long restarted = System.nanoTime();
          deployment.startServer();
          start(watch, "round-" + round, PASS);
          var arrival = watch.awaitReply("probe-round-" + round, Duration.ofMinutes(3));
          times.add((arrival.arrivedAtNanos() - restarted) / 1_000_000);
          System.out.printf("round %d: %d ms%n", round, times.get(times.size() - 1));
        }
      }
    }
    return times;
  }

  private static void start(TopicWatch watch, String name, String definition) {
    var execution = JsonCommands.executionArn("probe", name);
    watch.send(execution, JsonCommands.startExecution("probe-" + name, execution, "probe", definition, "{}"));
  }
}
