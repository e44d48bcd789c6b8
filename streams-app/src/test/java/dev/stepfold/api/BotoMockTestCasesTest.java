package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.streams.StepfoldConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step Functions Local's mock files in the server, through boto3: a server whose environment has {@code SFN_MOCK_CONFIG}
 * naming {@code examples/order/mock.json} answers the Task states of executions started with
 * {@code stateMachineArn#TestCase} from that test case, every attempt's Return or Throw; other executions are unaffected.
 */
@Timeout(300)
class BotoMockTestCasesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldAnswerTheTasksOfATestCaseFromTheMockFile(@TempDir Path dataDir) throws Exception {
    ClientScript.require("python3 with boto3", "Install it with 'pip install boto3'.", "python3", "-c", "import boto3");
    var environment = Map.of(StepfoldConfig.SFN_MOCK_CONFIG_VARIABLE, Path.of("..", "examples", "order", "mock.json").toAbsolutePath().toString());
    var fromEnvironment = StepfoldConfig.load(Optional.empty(), environment);
    JsonNode report;
    try (var api = RunningApi.start(dataDir, Map.of(StepfoldConfig.TASKS_MOCK_CONFIG, fromEnvironment.get(StepfoldConfig.TASKS_MOCK_CONFIG).orElseThrow()))) {
      report = ClientScript.of("python3", ClientScript.DIR.resolve("python").resolve("mock_test_cases_with_boto3.py").toString())
          .against(api, RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, "us-east-1").run().json();
    }

    var retried = report.get("RetryPath");
    assertThat(retried.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(kinds(retried)).containsExactly("TaskScheduled", "TaskFailed Payments.Unavailable", "TaskScheduled",
        "TaskFailed Payments.Unavailable", "TaskScheduled", "TaskSucceeded", "TaskScheduled", "TaskSucceeded");
    assertThat(retried.get("output").get("payment")).isEqualTo(MAPPER.readTree("{\"chargeId\": \"ch_1001\"}"));
    assertThat(retried.get("output").get("shipment").get("MessageId").asText()).isEqualTo("5fea7756-0ea4-451a-a703-a558b933e274");

    var declined = report.get("DeclinedPath");
    assertThat(declined.get("status").asText()).isEqualTo("FAILED");
    assertThat(declined.get("error").asText()).isEqualTo("PaymentDeclined");
    assertThat(kinds(declined)).containsExactly("TaskScheduled", "TaskFailed Payments.CardDeclined");
    assertThat(declined.get("tasks").get(1).get("cause").asText()).isEqualTo("Insufficient funds.");

    var unmocked = report.get("unmocked");
    assertThat(unmocked.get("status").asText()).isEqualTo("RUNNING");
    assertThat(kinds(unmocked)).containsExactly("TaskScheduled");
    assertThat(report.get("unknownTestCase").asText()).isEqualTo("ValidationException");
  }

  /** Each task event as its type, and its error when it failed. */
  private static List<String> kinds(JsonNode execution) {
    var kinds = new ArrayList<String>();
    execution.get("tasks").forEach(event -> kinds.add(event.get("type").asText() + (event.get("error").isNull() ? "" : " " + event.get("error").asText())));
    return kinds;
  }
}
