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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault suite: a steady workload ({@link Workload}: tasks, a Wait, Retry, Parallel, Map, a failure redriven, on a
 * Kafka worker; an activity, on pollers over the AWS API; a Distributed Map) on {@code stepfold server}, while faults
 * are injected — kills ({@link Kills}: the embedded server, or one app instance of several and the broker they share),
 * the worker crashing after the work and before the answer, duplicate and slow answers ({@link SuiteWorker},
 * {@link ActivityPollers}), the worker's clock jumping ahead and behind ({@link ClockJumps}), poison records on every
 * topic stepfold reads ({@link PoisonRecords}). Afterwards every execution on the history topic is checked: SUCCEEDED,
 * event ids contiguous from 1 with none twice, every succeeded task's effect applied (once, by the idempotent sink),
 * and what every instance answers for it the fold of its history ({@link StoredStateCheck}); and every poison record
 * answered with its AWS error or dead-lettered. Prints a {@link FaultReport}.
 *
 * <pre>java -cp ... dev.stepfold.fault.FaultSuite [--duration PT30M] [--kill-every PT3M] [--rate 2] [--mode embedded|cluster] [--instances 3] [--dir DIR]</pre>
 */
public final class FaultSuite {
  private static final Set<String> CLOSING = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");
  /** A batch of poison records every this many executions started. */
  private static final int POISON_EVERY = 40;

  private final Duration duration;
  private final Duration killEvery;
  private final double startsPerSecond;
  private final Path dir;
  private final Deployment.Mode mode;
  private final int instances;

  public FaultSuite(Duration duration, Duration killEvery, double startsPerSecond, Path dir) {
    this(duration, killEvery, startsPerSecond, dir, Deployment.Mode.EMBEDDED, 1);
  }

  /** In cluster mode, {@code instances} app instances share the broker. */
  public FaultSuite(Duration duration, Duration killEvery, double startsPerSecond, Path dir, Deployment.Mode mode, int instances) {
    this.mode = mode;
    this.instances = instances;
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
    int instances = 1;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--duration" -> duration = Duration.parse(args[i + 1]);
        case "--kill-every" -> killEvery = Duration.parse(args[i + 1]);
        case "--rate" -> rate = Double.parseDouble(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--mode" -> mode = Deployment.Mode.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
        case "--instances" -> instances = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    var suite = new FaultSuite(duration, killEvery, rate, dir != null ? dir : Files.createTempDirectory("stepfold-fault-suite"), mode, instances);
    var report = suite.run();
    report.print(System.out);
    System.exit(report.clean() ? 0 : 1);
  }

  public FaultReport run() throws Exception {
    var faults = new FaultCounts();
    var sink = new IdempotentSink();
    var started = new LinkedHashMap<String, Workload.Shape>();
    try (var deployment = Deployment.create(mode, instances, dir, List.of())) {
      deployment.start();
      try (var watch = TopicWatch.start(deployment.bootstrapServers(), deployment.registryUrl(), Duration.ofMinutes(3))) {
        var probes = new Probes(watch);
        probes.everyPartition("first");
        var kills = new Kills(deployment, probes, faults);
        var worker = new SuiteWorker(deployment, watch, sink, faults, 42);
        var pollers = new ActivityPollers(deployment.apiUrls(), sink, faults, 43);
        var poison = new PoisonRecords(deployment.bootstrapServers());
        int stampedBefore = JumpingClock.stamped();
        pollers.createActivity();
        worker.start();
        pollers.start(2);
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        var clock = new ClockJumps(begin, end, faults);
        try {
          long nextKill = begin + killEvery.toNanos();
          int n = 0;
          var redriven = new HashSet<String>();
          while (System.nanoTime() < end) {
            var shape = Workload.SHAPES.get(n % Workload.SHAPES.size());
            var execution = JsonCommands.executionArn("fault-" + shape.name(), "e-" + n);
            watch.send(execution, JsonCommands.startExecution("start-" + n, execution, "fault-" + shape.name(), shape.definition(), Workload.INPUT));
            started.put(execution, shape);
            n++;
            redriveFailed(watch, started, redriven);
            clock.tick(System.nanoTime());
            if (n % POISON_EVERY == POISON_EVERY / 2) {
              faults.count("poison records on every topic stepfold reads (batches)");
              poison.inject(startedNotFailing(watch, n - Workload.SHAPES.size()));
            }
            if (System.nanoTime() >= nextKill && System.nanoTime() + killEvery.toNanos() / 2 < end) {
              kills.next();
              nextKill = System.nanoTime() + killEvery.toNanos();
            }
            Thread.sleep((long) (1000 / startsPerSecond));
          }
          // drain: every execution closes, the failed ones redriven
          long drainEnd = System.nanoTime() + Duration.ofMinutes(4).toNanos();
          while (System.nanoTime() < drainEnd && !allSucceeded(watch, started)) {
            redriveFailed(watch, started, redriven);
            Thread.sleep(500);
          }
        } finally {
          clock.end();
          pollers.close();
          worker.close();
        }
        if (JumpingClock.stamped() > stampedBefore) {
          faults.add("worker records written with its clock off", JumpingClock.stamped() - stampedBefore);
        }
        var histories = watch.histories();
        var stored = new StoredStateCheck(deployment.apiUrls()).check(histories);
        var poisoned = poison.check(watch);
        poison.close();
        return check(watch, histories, started, sink, faults, kills, stored, poisoned);
      }
    }
  }

  /** The execution of the "tasks" shape started as the {@code n}-th or just before, once its start is answered: running, or succeeded. */
  private static String startedNotFailing(TopicWatch watch, int n) throws Exception {
    while (!Workload.SHAPES.get(n % Workload.SHAPES.size()).name().equals("tasks")) {
      n--;
    }
    watch.awaitReply("start-" + n, Duration.ofMinutes(3));
    return JsonCommands.executionArn("fault-tasks", "e-" + n);
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

  private static boolean allSucceeded(TopicWatch watch, Map<String, Workload.Shape> started) {
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

  /**
   * Every execution the suite started, and every other one on the history topic (the probes, the children of
   * Distributed Maps): it closed SUCCEEDED, with contiguous event ids, each succeeded task's effect applied.
   */
  private static FaultReport check(TopicWatch watch, Map<String, List<HistoryEventRecord>> histories, Map<String, Workload.Shape> started,
      IdempotentSink sink, FaultCounts faults, Kills kills, StoredStateCheck.Result stored, PoisonRecords.Result poisoned) {
    int lost = 0;
    int duplicated = 0;
    int failedByFault = 0;
    int effectsNotApplied = 0;
    var timedOut = new TreeMap<String, Integer>();
    Workload.TASK_TIMED_OUT.forEach(type -> timedOut.put(type, 0));
    var problems = new ArrayList<String>();
    int executions = 0;
    var every = new TreeSet<>(histories.keySet());
    every.addAll(started.keySet());
    for (var execution : every) {
      var events = histories.getOrDefault(execution, List.of());
      if (events.isEmpty()) {
        var accepted = watch.reply("start-" + execution.substring(execution.lastIndexOf("e-") + 2))
            .filter(arrival -> arrival.reply().getOutcome() instanceof AcceptedReply).isPresent();
        lost++;
        problems.add(execution + (accepted ? ": started, but no event on the history topic" : ": its start was never answered"));
        continue;
      }
      executions++;
      var status = closing(events);
      if (status == null) {
        lost++;
        problems.add(execution + ": did not close; last event " + events.get(events.size() - 1).getType());
      } else if (!status.equals("ExecutionSucceeded")) {
        failedByFault++;
        problems.add(execution + ": " + status + " " + events.get(events.size() - 1).getDetails());
      }
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).getId() != i + 1) {
          duplicated++;
          problems.add(execution + ": event " + (i + 1) + " has id " + events.get(i).getId());
          break;
        }
      }
      events.stream().map(e -> e.getType().name()).filter(Workload.TASK_TIMED_OUT::contains).forEach(type -> timedOut.merge(type, 1, Integer::sum));
      var arn = new ExecutionArn(execution);
      long succeededTasks = events.stream().filter(e -> Workload.TASK_SUCCEEDED.contains(e.getType().name())).count();
      long appliedTasks = events.stream().filter(e -> Workload.TASK_SCHEDULED.contains(e.getType().name()))
          .filter(e -> sink.applied(TaskToken.of(arn, e.getId()).value())).count();
      if (appliedTasks != succeededTasks) {
        effectsNotApplied++;
        problems.add(execution + ": " + succeededTasks + " tasks succeeded, " + appliedTasks + " effects applied");
      }
    }
    problems.addAll(stored.problems());
    problems.addAll(poisoned.problems());
    return new FaultReport(executions, faults.byKind(), lost, duplicated, failedByFault, effectsNotApplied, sink.absorbed(), timedOut, stored.stateNotFold(),
        stored.readsDiffering(), stored.instances(), poisoned, kills.recoveries(), kills.failovers(), problems);
  }
}
