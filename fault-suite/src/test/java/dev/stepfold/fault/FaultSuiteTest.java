package dev.stepfold.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite in its bounded form (90 s of workload, the server SIGKILLed twice, worker crashes, slow and
 * duplicate answers): nothing lost, nothing duplicated, nothing failed by a fault. {@code -Dstepfold.fault.duration}
 * and {@code -Dstepfold.fault.killEvery} (ISO-8601 durations) make it a soak.
 */
class FaultSuiteTest {
  @TempDir
  Path dir;

  @Test
  void shouldLoseDuplicateAndFailNothingWhileFaultsAreInjected() throws Exception {
    var duration = Duration.parse(System.getProperty("stepfold.fault.duration", "PT90S"));
    var killEvery = Duration.parse(System.getProperty("stepfold.fault.killEvery", "PT35S"));
    var report = new FaultSuite(duration, killEvery, 1.5, dir).run();
    report.print(System.out);

    assertThat(report.problems()).isEmpty();
    assertThat(report.clean()).isTrue();
    assertThat(report.faults()).containsKey("server SIGKILL and restart");
  }
}
