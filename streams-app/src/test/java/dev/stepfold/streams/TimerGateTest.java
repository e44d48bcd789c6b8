package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimerGateTest {
  private static final long STARTED = 1_000_000;

  @Test
  void shouldFireOnlyTheTimersTheCommandsHavePassedWhileCatchingUp() {
    var gate = new TimerGate(STARTED, Duration.ofSeconds(2));
    gate.recordRead(STARTED + 100);

    assertThat(gate.horizon(STARTED + 1000, STARTED - 60_000)).isEqualTo(Instant.ofEpochMilli(STARTED - 60_000));
  }

  @Test
  void shouldFireAtWallClockTimeOnceACommandWrittenAfterTheStartIsRead() {
    var gate = new TimerGate(STARTED, Duration.ofSeconds(2));
    gate.recordRead(STARTED + 100);

    assertThat(gate.horizon(STARTED + 1000, STARTED + 50)).isEqualTo(Instant.ofEpochMilli(STARTED + 1000));
    assertThat(gate.horizon(STARTED + 2000, STARTED - 60_000)).as("caught up for good").isEqualTo(Instant.ofEpochMilli(STARTED + 2000));
  }

  @Test
  void shouldFireAtWallClockTimeOnceNoCommandCameForTheQuietTime() {
    var gate = new TimerGate(STARTED, Duration.ofSeconds(2));
    gate.recordRead(STARTED + 500);

    assertThat(gate.horizon(STARTED + 2000, -1)).isEqualTo(Instant.ofEpochMilli(-1));
    assertThat(gate.horizon(STARTED + 2500, -1)).isEqualTo(Instant.ofEpochMilli(STARTED + 2500));
  }
}
