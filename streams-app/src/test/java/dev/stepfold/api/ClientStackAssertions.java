package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * What every non-Java client stack must show, whatever language it is written in: the same redrive story and the same
 * SigV4 refusals, read from the JSON its script prints (the members as the clients name them, which are the model's).
 */
final class ClientStackAssertions {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClientStackAssertions() {}

  /** A running stepfold that checks signatures against {@link RunningApi}'s key pair and holds polls for 2 s. */
  static RunningApi startSigningApi(Path dataDir) {
    try {
      return RunningApi.start(dataDir, Map.of(StepfoldConfig.API_ACCESS_KEY_ID, RunningApi.ACCESS_KEY_ID,
          StepfoldConfig.API_SECRET_ACCESS_KEY, RunningApi.SECRET, StepfoldConfig.API_ACTIVITY_POLL_MS, "2000"));
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
  }

  /**
   * The output of a redrive script: a Parallel failed on its activity branch (redrivable, never redriven), was
   * redriven, and succeeded with the fixed worker's answer; DescribeExecution and the history tell it.
   */
  static void assertRedriven(JsonNode run) throws IOException {
    var failed = run.path("failed");
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("error").asText()).isEqualTo("Worker.Broken");
    assertThat(failed.path("cause").asText()).isEqualTo("the worker was broken");
    assertThat(failed.path("redriveStatus").asText()).isEqualTo("REDRIVABLE");
    assertThat(failed.path("redriveCount").asInt(-1)).isZero();
    assertThat(failed.has("redriveDate")).as("a failed execution never redriven has no redriveDate").isFalse();

    var redriveDate = run.path("redrive").path("redriveDate");
    assertThat(redriveDate.isMissingNode() || redriveDate.isNull()).as("RedriveExecution answers its redriveDate").isFalse();

    var succeeded = run.path("succeeded");
    assertThat(succeeded.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(succeeded.path("executionArn").asText()).as("a redriven execution keeps its ARN").isEqualTo(run.path("executionArn").asText());
    assertThat(MAPPER.readTree(succeeded.path("output").asText())).isEqualTo(MAPPER.readTree("[\"quick\", {\"fixed\": true}]"));
    assertThat(succeeded.path("redriveCount").asInt()).isEqualTo(1);
    assertThat(succeeded.path("redriveDate")).as("DescribeExecution's redriveDate is RedriveExecution's").isEqualTo(redriveDate);
    assertThat(succeeded.path("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
    assertThat(succeeded.path("redriveStatusReason").asText()).isNotBlank();

    var events = StreamSupport.stream(run.path("history").path("events").spliterator(), false).toList();
    assertThat(events).extracting(e -> e.path("type").asText()).containsSubsequence("ActivityScheduled", "ActivityStarted", "ActivityFailed",
        "ExecutionFailed", "ExecutionRedriven", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "ExecutionSucceeded");
    assertThat(events).extracting(e -> e.path("type").asText()).as("the branch that succeeded does not run again")
        .filteredOn("PassStateEntered"::equals).hasSize(1);
    assertThat(events).extracting(e -> e.path("id").asLong()).as("ids from 1, in order")
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("ExecutionRedriven")).singleElement()
        .satisfies(e -> assertThat(e.path("executionRedrivenEventDetails").path("redriveCount").asInt()).isEqualTo(1));
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("ActivityFailed")).singleElement()
        .satisfies(e -> assertThat(e.path("activityFailedEventDetails").path("error").asText()).isEqualTo("Worker.Broken"));
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("ActivityStarted")).hasSize(2)
        .allSatisfy(e -> assertThat(e.path("activityStartedEventDetails").path("workerName").asText()).isEqualTo(run.path("worker").asText()));
  }

  /**
   * The output of a SigV4 script: {@code right} and {@code rightAgain} passed; a wrong secret, region, service and an
   * expired date were refused with AWS's error, as the client read it.
   */
  static void assertSigV4Refusals(JsonNode results) {
    for (var passing : List.of("right", "rightAgain")) {
      assertThat(results.path(passing).asText()).as(passing + ": " + results.path(passing)).isEqualTo("ok");
    }
    assertRefused(results.path("wrongSecret"), "The request signature we calculated does not match the signature you provided.");
    assertRefused(results.path("wrongRegion"), "Credential should be scoped to a valid region, not 'eu-west-1'.");
    assertRefused(results.path("wrongService"), "Credential should be scoped to correct service: 'states'.");
    assertRefused(results.path("expired"), "Signature expired: ");
  }

  private static void assertRefused(JsonNode result, String messageStart) {
    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(403);
    assertThat(result.path("code").asText()).as(result.toString()).isEqualTo("InvalidSignatureException");
    assertThat(result.path("message").asText()).as(result.toString()).startsWith(messageStart);
  }
}
