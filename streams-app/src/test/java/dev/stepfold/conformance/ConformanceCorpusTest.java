package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays the whole shared corpus through stepfold's parser and engine and holds the result to the committed
 * known-failure list: a case failing outside the list is a regression, a listed case that passes must leave the list.
 * {@code -Dstepfold.conformance.updateKnownFailures=true} rewrites the list from this run instead.
 */
class ConformanceCorpusTest {
  private static final Path KNOWN_FAILURES = Path.of("src/test/resources/conformance/known-failures.txt");

  @Test
  void shouldFailExactlyTheKnownFailures() throws IOException {
    var dir = System.getProperty("stepfold.conformance.dir");
    assertThat(dir).as("system property stepfold.conformance.dir (the parent pom sets it)").isNotBlank();
    assertThat(Path.of(dir).resolve("cases")).as("the shared conformance corpus").isDirectory();

    var report = new ConformanceRunner().run(Path.of(dir));
    System.out.print(report.scoreboard());

    if (Boolean.getBoolean("stepfold.conformance.updateKnownFailures")) {
      Files.writeString(KNOWN_FAILURES, KnownFailures.render(report));
      return;
    }
    var verdict = KnownFailures.judge(report, KnownFailures.parse(Files.readString(KNOWN_FAILURES)));
    assertThat(verdict.clean()).as(verdict.describe()).isTrue();
  }
}
