package dev.stepfold.fault;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What a run of the fault suite did and found. */
public record FaultReport(int executions, Map<String, Integer> faults, int lost, int duplicated, int failedByFault, int effectsNotApplied,
    int reRunsAbsorbed, List<Long> recoveryMillis, List<String> problems) {
  public FaultReport {
    faults = Map.copyOf(faults);
    recoveryMillis = recoveryMillis.stream().sorted().toList();
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return lost == 0 && duplicated == 0 && failedByFault == 0 && effectsNotApplied == 0;
  }

  public void print(PrintStream out) {
    out.println("fault suite report");
    out.printf("  executions          %d%n", executions);
    faults.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(fault -> out.printf("  fault               %-48s %d%n", fault.getKey(), fault.getValue()));
    out.printf("  lost                %d%n", lost);
    out.printf("  duplicated          %d%n", duplicated);
    out.printf("  failed-by-fault     %d%n", failedByFault);
    out.printf("  effects not applied once %d (re-runs absorbed by the idempotent sink: %d)%n", effectsNotApplied, reRunsAbsorbed);
    if (recoveryMillis.isEmpty()) {
      out.println("  recovery time       (no server restarts)");
    } else {
      out.printf("  recovery time       p50 %d ms, max %d ms (restart to first processed command, %d restarts)%n",
          recoveryMillis.get(recoveryMillis.size() / 2), recoveryMillis.get(recoveryMillis.size() - 1), recoveryMillis.size());
    }
    problems.stream().limit(20).forEach(problem -> out.println("  problem: " + problem));
  }
}
