package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * stepfold's own redrive after a fix through boto3 ({@code redrive_after_fix_with_boto3.py}), against a server that
 * checks signatures: Stepfold.GetRedrivePlan and Stepfold.RedriveExecution onto a corrected version and with a
 * corrected input, their refusals, and the history as AWS clients read it and as stepfold shows it when asked.
 */
@Timeout(300)
class BotoRedriveAfterFixTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldRedriveOntoACorrectedVersionAndWithACorrectedInput(@TempDir Path dataDir) throws Exception {
    ClientScript.require("python3 with boto3", "Install it with 'pip install boto3'.", "python3", "-c", "import boto3");
    JsonNode run;
    try (var api = ClientStackAssertions.startSigningApi(dataDir)) {
      run = ClientScript.of("python3", ClientScript.DIR.resolve("python").resolve("redrive_after_fix_with_boto3.py").toString())
          .against(api, RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, "us-east-1").run().json();
    }
    var version2 = run.path("version2").asText();

    assertThat(run.path("failed").path("status").asText()).isEqualTo("FAILED");
    assertThat(run.path("failed").path("error").asText()).isEqualTo("States.Runtime");
    var plan = run.path("plan").path("body");
    assertThat(plan.path("redrivable").asBoolean()).as(plan.toString()).isTrue();
    assertThat(plan.path("stateMachineVersionArn").asText()).isEqualTo(version2);
    assertThat(plan.path("reruns").get(0).path("stateName").asText()).isEqualTo("Charge");
    assertThat(run.path("unknownVersion").path("body").path("__type").asText()).isEqualTo("StateMachineDoesNotExist");
    assertThat(run.path("redrive").path("status").asInt()).isEqualTo(200);
    assertThat(run.path("redrive").path("body").has("redriveDate")).isTrue();
    assertThat(run.path("succeeded").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("succeeded").path("stateMachineVersionArn").asText()).as("DescribeExecution after the redrive").isEqualTo(version2);
    assertThat(run.path("afterSuccess").path("body").path("__type").asText()).isEqualTo("ExecutionNotRedrivable");
    assertThat(run.path("definitionForExecution").path("States").path("Charge").path("Parameters").path("amount.$").asText())
        .as("DescribeStateMachineForExecution after the redrive").isEqualTo("$.order.total");
    assertThat(run.path("taskInputs")).containsExactly(MAPPER.readTree("{\"amount\": 12, \"card\": \"4242\"}"),
        MAPPER.readTree("{\"amount\": 5, \"card\": \"0000\"}"), MAPPER.readTree("{\"amount\": 5, \"card\": \"4242\"}"));
    assertThat(run.path("corrected").path("status").asInt()).isEqualTo(200);

    assertThat(redriven(run.path("history"))).as("ExecutionRedriven as boto3 reads it: AWS's shape")
        .containsExactly(MAPPER.readTree("{\"redriveCount\": 1}"));
    var extended = redriven(run.path("extendedHistory").path("body").path("events"));
    assertThat(extended).hasSize(1);
    assertThat(extended.get(0).path("stepfoldRedriveFix").path("stateMachineVersionArn").asText()).isEqualTo(version2);
  }

  private static List<JsonNode> redriven(JsonNode events) {
    var details = new ArrayList<JsonNode>();
    events.forEach(event -> {
      if (event.path("type").asText().equals("ExecutionRedriven")) {
        details.add(event.path("executionRedrivenEventDetails"));
      }
    });
    return details;
  }
}
