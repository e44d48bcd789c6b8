package dev.stepfold.streams;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the whole topology: a fresh {@link TopologyHarness} per test, its clock starting at {@link #T0}. */
abstract class TopologyTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @TempDir
  Path stateDirectory;
  TopologyHarness harness;

  @BeforeEach
  void startTopology() {
    harness = new TopologyHarness(stateDirectory, T0);
  }

  @AfterEach
  void closeTopology() {
    harness.close();
  }
}
