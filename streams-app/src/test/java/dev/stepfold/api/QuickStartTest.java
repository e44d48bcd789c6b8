package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start of the AWS API, taken from README.md as a reader pastes it (the first bash block of "The AWS
 * Step Functions API"), run against a running stepfold configured as {@code ./stepfold server} is by default, with
 * only its endpoint changed to the test server's port.
 */
@Timeout(180)
class QuickStartTest {
  private static final String SECTION = "## The AWS Step Functions API";
  private static final String DOCUMENTED_ENDPOINT = "http://localhost:8083";

  @TempDir
  static Path dataDir;
  static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    ClientScript.require("python3 with boto3", "Install it with 'pip install boto3'.", "python3", "-c", "import boto3");
    api = RunningApi.start(dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** The first {@code ```bash} block after the section's heading. */
  static String snippet(String readme) {
    int section = readme.indexOf("\n" + SECTION + "\n");
    assertThat(section).as("the README has a section '%s'", SECTION).isNotNegative();
    int open = readme.indexOf("```bash\n", section);
    int close = readme.indexOf("\n```\n", open);
    assertThat(open).as("a bash block in '%s'", SECTION).isPositive();
    return readme.substring(open + "```bash\n".length(), close + 1);
  }

  @Test
  void shouldRedriveAnExecutionAsTheReadmeShows() throws Exception {
    var snippet = snippet(Files.readString(Path.of("..", "README.md")));
    assertThat(snippet).contains(DOCUMENTED_ENDPOINT, "redrive_execution");

    var outcome = ClientScript.of("bash", "-c", snippet.replace(DOCUMENTED_ENDPOINT, api.endpoint().toString())).run();

    assertThat(outcome.exitCode()).as("stderr:%n%s%nstdout:%n%s", outcome.stderr(), outcome.stdout()).isZero();
    assertThat(outcome.stdout()).contains("first run: FAILED", "after the redrive: SUCCEEDED", "redriveCount: 1", "redriveStatus: NOT_REDRIVABLE",
        "output: {\"charged\":true}");
    var history = outcome.stdout().strip().lines().reduce((first, second) -> second).orElseThrow();
    assertThat(history.split(" ")).containsSubsequence("ActivityScheduled", "ActivityFailed", "ExecutionFailed", "ExecutionRedriven",
        "ActivityScheduled", "ActivitySucceeded", "ExecutionSucceeded");
  }
}
