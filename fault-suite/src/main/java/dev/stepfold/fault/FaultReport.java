package dev.stepfold.fault;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What a run of the fault suite did and found.
 *
 * @param tasksTimedOut TaskTimedOut and ActivityTimedOut events, by type, retried by their states (not failures of an execution)
 * @param stateNotFold executions for which an instance's DescribeExecution or GetExecutionHistory was not the fold of the history topic
 * @param readsDiffering executions the instances answered differently
 * @param instancesRead how many instances each execution was read from
 * @param poison what became of the poison records written
 * @param failoverMillis from each SIGKILL of one instance of several to every partition processing commands again
 */
public record FaultReport(int executions, Map<String, Integer> faults, int lost, int duplicated, int failedByFault, int effectsNotApplied,
    int reRunsAbsorbed, Map<String, Integer> tasksTimedOut, int stateNotFold, int readsDiffering, int instancesRead, PoisonRecords.Result poison, List<Long> recoveryMillis, List<Long> failoverMillis,
    List<String> problems) {
  public FaultReport {
    faults = Map.copyOf(faults);
    tasksTimedOut = Map.copyOf(tasksTimedOut);
    recoveryMillis = recoveryMillis.stream().sorted().toList();
    failoverMillis = failoverMillis.stream().sorted().toList();
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return lost == 0 && duplicated == 0 && failedByFault == 0 && effectsNotApplied == 0 && stateNotFold == 0 && readsDiffering == 0
        && poison.problems().isEmpty();
  }

  public void print(PrintStream out) {
    out.println("fault suite report");
    out.printf("  executions          %d%n", executions);
    faults.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(fault -> out.printf("  fault               %-56s %d%n", fault.getKey(), fault.getValue()));
    out.printf("  lost                %d%n", lost);
    out.printf("  duplicated          %d%n", duplicated);
    out.printf("  failed-by-fault     %d%n", failedByFault);
    out.printf("  effects not applied once %d (re-runs absorbed by the idempotent sink: %d)%n", effectsNotApplied, reRunsAbsorbed);
    out.printf("  tasks timed out     %d (%s; retried by their Retry, not failures)%n", tasksTimedOut.values().stream().mapToInt(Integer::intValue).sum(),
        tasksTimedOut.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(kind -> kind.getKey() + " " + kind.getValue())
            .collect(java.util.stream.Collectors.joining(", ")));
    out.printf("  stored state not the fold of history %d (DescribeExecution and GetExecutionHistory of every execution, from each of %d instances)%n",
        stateNotFold, instancesRead);
    out.printf("  reads differing between instances %d%n", readsDiffering);
    out.printf("  poison records      %d written: %d commands answered with their AWS error, %d dead-lettered with a reason, %d not%n",
        poison.written(), poison.answered(), poison.deadLettered(), poison.problems().size());
    times(out, "recovery time", recoveryMillis, "restart to first processed command", "restarts");
    times(out, "failover time", failoverMillis, "SIGKILL of one instance to every partition processing again", "kills");
    problems.stream().limit(20).forEach(problem -> out.println("  problem: " + problem));
  }

  private static void times(PrintStream out, String what, List<Long> millis, String measured, String count) {
    if (!millis.isEmpty()) {
      out.printf("  %-19s p50 %d ms, max %d ms (%s, %d %s)%n", what, millis.get(millis.size() / 2), millis.get(millis.size() - 1), measured,
          millis.size(), count);
    }
  }
}
