package dev.stepfold.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite in its bounded form (90 s of workload each): the embedded server SIGKILLed and restarted; then three app
 * instances on one broker, one of them SIGKILLed until its partitions move and the broker SIGKILLed; in both, worker
 * crashes, slow and duplicate answers, activity pollers, Distributed Maps, a jumping worker clock and poison records.
 * Nothing lost, nothing duplicated, nothing failed by a fault, every instance answering for every execution what its
 * history folds to. {@code -Dstepfold.fault.duration} and {@code -Dstepfold.fault.killEvery} (ISO-8601 durations) make
 * them a soak.
 */
class FaultSuiteTest {
  private static final Duration DURATION = Duration.parse(System.getProperty("stepfold.fault.duration", "PT90S"));

  @TempDir
  Path dir;

  @Test
  void shouldLoseDuplicateAndFailNothingWhileFaultsAreInjected() throws Exception {
    var killEvery = Duration.parse(System.getProperty("stepfold.fault.killEvery", "PT35S"));
    var report = new FaultSuite(DURATION, killEvery, 1.5, dir).run();
    report.print(System.out);

    assertClean(report);
    assertThat(report.faults()).containsKey(Kills.SERVER);
  }

  @Test
  void shouldLoseNothingWhenOneOfThreeInstancesIsKilledAndItsPartitionsMove() throws Exception {
    var killEvery = Duration.parse(System.getProperty("stepfold.fault.killEvery", "PT25S"));
    var report = new FaultSuite(DURATION, killEvery, 1.5, dir, Deployment.Mode.CLUSTER, 3).run();
    report.print(System.out);

    assertClean(report);
    assertThat(report.faults()).containsKey(Kills.instanceKill(3));
    assertThat(report.instancesRead()).isEqualTo(3);
  }

  private static void assertClean(FaultReport report) {
    assertThat(report.problems()).isEmpty();
    assertThat(report.clean()).isTrue();
    assertThat(report.faults()).containsKeys("poison records on every topic stepfold reads (batches)", "worker clock jump 20 s ahead",
        "worker clock jump 10 min behind");
    assertThat(report.poison().answered()).isPositive();
    assertThat(report.poison().deadLettered()).isPositive();
  }
}
