package dev.stepfold.fault;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.HistoryEventRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault suite: a steady workload ({@link Workload}: tasks, a Wait, Retry, Parallel, Map, a failure redriven, all on
 * a Kafka worker) on {@code stepfold server} in embedded mode, while faults are injected — the server SIGKILLed and
 * restarted on its data directory, the worker crashing after the work and before the answer, duplicate and slow
 * answers ({@link SuiteWorker}). In cluster mode the server is an app-only JVM against a broker JVM, and every other
 * kill is the broker's instead (stopped with SIGKILL and started again, the server cut off meanwhile). Afterwards every
 * execution is checked: SUCCEEDED, event ids contiguous from 1 with none twice, every succeeded task's effect applied
 * (once, by the idempotent sink). Prints a {@link FaultReport}.
 *
 * <pre>java -cp ... dev.stepfold.fault.FaultSuite [--duration PT30M] [--kill-every PT3M] [--rate 2] [--mode embedded|cluster] [--dir DIR]</pre>
 */
public final class FaultSuite {
  private static final Set<String> CLOSING = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");
  private static final String PROBE = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";

  private final Duration duration;
  private final Duration killEvery;
  private final double startsPerSecond;
  private final Path dir;
  private final Deployment.Mode mode;

  public FaultSuite(Duration duration, Duration killEvery, double startsPerSecond, Path dir) {
    this(duration, killEvery, startsPerSecond, dir, Deployment.Mode.EMBEDDED);
  }

  public FaultSuite(Duration duration, Duration killEvery, double startsPerSecond, Path dir, Deployment.Mode mode) {
    this.mode = mode;
    this.duration = duration;
    this.killEvery = killEvery;
    this.startsPerSecond = startsPerSecond;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    var duration = Duration.ofMinutes(2);
    var killEvery = Duration.ofSeconds(45);
    double rate = 2;
    var mode = Deployment.Mode.EMBEDDED;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--duration" -> duration = Duration.parse(args[i + 1]);
        case "--kill-every" -> killEvery = Duration.parse(args[i + 1]);
        case "--rate" -> rate = Double.parseDouble(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--mode" -> mode = Deployment.Mode.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    var report = new FaultSuite(duration, killEvery, rate, dir != null ? dir : Files.createTempDirectory("stepfold-fault-suite"), mode).run();
    report.print(System.out);
    System.exit(report.clean() ? 0 : 1);
  }

  public FaultReport run() throws Exception {
    var faults = new FaultCounts();
    var sink = new IdempotentSink();
    var recoveries = new ArrayList<Long>();
    var started = new LinkedHashMap<String, Workload.Shape>();
    try (var deployment = Deployment.create(mode, dir, List.of())) {
      deployment.start();
      try (var watch = TopicWatch.start(deployment.bootstrapServers(), deployment.registryUrl(), Duration.ofMinutes(3))) {
        probe(watch, "first");
        var worker = new SuiteWorker(deployment, watch, sink, faults, 42);
        worker.start();
        try {
          long begin = System.nanoTime();
          long nextKill = begin + killEvery.toNanos();
          long end = begin + duration.toNanos();
          int n = 0;
          int kills = 0;
          var redriven = new HashSet<String>();
          while (System.nanoTime() < end) {
            var shape = Workload.SHAPES.get(n % Workload.SHAPES.size());
            var execution = JsonCommands.executionArn("fault-" + shape.name(), "e-" + n);
            watch.send(execution, JsonCommands.startExecution("start-" + n, execution, "fault-" + shape.name(), shape.definition(), Workload.INPUT));
            started.put(execution, shape);
            n++;
            redriveFailed(watch, started, redriven);
            if (System.nanoTime() >= nextKill && System.nanoTime() + killEvery.toNanos() / 2 < end) {
              long restarted;
              if (mode == Deployment.Mode.CLUSTER && kills++ % 2 == 1) {
                faults.count("broker SIGKILL and restart");
                deployment.killBroker();
                restarted = System.nanoTime();
                deployment.startBroker();
              } else {
                faults.count("server SIGKILL and restart");
                deployment.killServer();
                restarted = System.nanoTime();
                deployment.startServer();
              }
              probe(watch, "after-kill-" + recoveries.size());
              recoveries.add((System.nanoTime() - restarted) / 1_000_000);
              nextKill = System.nanoTime() + killEvery.toNanos();
            }
            Thread.sleep((long) (1000 / startsPerSecond));
          }
          // drain: every execution closes, the failed ones redriven
          long drainEnd = System.nanoTime() + Duration.ofMinutes(4).toNanos();
          while (System.nanoTime() < drainEnd && !allSucceededOrStuck(watch, started)) {
            redriveFailed(watch, started, redriven);
            Thread.sleep(500);
          }
        } finally {
          worker.close();
        }
        return check(watch, started, sink, faults, recoveries);
      }
    }
  }

  /** Times a StartExecution of a Pass state machine from now to its reply: the runtime processes commands. */
  private static void probe(TopicWatch watch, String name) throws Exception {
    var execution = JsonCommands.executionArn("fault-probe", name);
    watch.send(execution, JsonCommands.startExecution("probe-" + name, execution, "fault-probe", PROBE, "{}"));
    watch.awaitReply("probe-" + name, Duration.ofMinutes(3));
  }

  /** Redrives, once each, the executions of the redriven shape that failed (their task fails once by design). */
  private static void redriveFailed(TopicWatch watch, Map<String, Workload.Shape> started, Set<String> redriven) {
    started.forEach((execution, shape) -> {
      if (shape.redriven() && !redriven.contains(execution) && "ExecutionFailed".equals(closing(watch.history(execution)))) {
        redriven.add(execution);
        watch.send(execution, JsonCommands.redriveExecution("redrive-" + execution, execution, "fault-suite-" + execution.hashCode()));
      }
    });
  }

  private static boolean allSucceededOrStuck(TopicWatch watch, Map<String, Workload.Shape> started) {
    return started.keySet().stream().allMatch(execution -> "ExecutionSucceeded".equals(closing(watch.history(execution))));
  }

  /** The last closing event's type; null while running. */
  private static String closing(List<HistoryEventRecord> events) {
    String last = null;
    for (var event : events) {
      var type = event.getType().name();
      if (CLOSING.contains(type)) {
        last = type;
      } else if (type.equals("ExecutionRedriven")) {
        last = null;
      }
    }
    return last;
  }

  private static FaultReport check(TopicWatch watch, Map<String, Workload.Shape> started, IdempotentSink sink, FaultCounts faults,
      List<Long> recoveries) {
    int lost = 0;
    int duplicated = 0;
    int failedByFault = 0;
    int effectsNotApplied = 0;
    var problems = new ArrayList<String>();
    int executions = 0;
    for (var execution : started.keySet()) {
      var accepted = watch.reply("start-" + execution.substring(execution.lastIndexOf("e-") + 2))
          .filter(arrival -> arrival.reply().getOutcome() instanceof AcceptedReply).isPresent();
      var events = watch.history(execution);
      if (!accepted && events.isEmpty()) {
        problems.add(execution + ": its start was never answered");
        lost++;
        continue;
      }
      executions++;
      var status = closing(events);
      if (status == null) {
        lost++;
        problems.add(execution + ": did not close; last event " + (events.isEmpty() ? "none" : events.get(events.size() - 1).getType()));
      } else if (!status.equals("ExecutionSucceeded")) {
        failedByFault++;
        problems.add(execution + ": " + status);
      }
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).getId() != i + 1) {
          duplicated++;
          problems.add(execution + ": event " + (i + 1) + " has id " + events.get(i).getId());
          break;
        }
      }
      var arn = new ExecutionArn(execution);
      long succeededTasks = events.stream().filter(e -> e.getType().name().equals("TaskSucceeded")).count();
      long appliedTasks = events.stream().filter(e -> e.getType().name().equals("TaskScheduled"))
          .filter(e -> sink.applied(TaskToken.of(arn, e.getId()).value())).count();
      if (appliedTasks != succeededTasks) {
        effectsNotApplied++;
        problems.add(execution + ": " + succeededTasks + " tasks succeeded, " + appliedTasks + " effects applied");
      }
    }
    return new FaultReport(executions, faults.byKind(), lost, duplicated, failedByFault, effectsNotApplied, sink.absorbed(), recoveries,
        problems);
  }
}
