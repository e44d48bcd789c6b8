package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * stepfold's own operations ({@code X-Amz-Target: Stepfold.<name>}) over plain HTTP, in AWS JSON 1.0 as the SDKs speak
 * it: the redrive plan of a failed Parallel, a bulk redrive of a state machine's failed executions with its report,
 * the same report again for the same request, and a redrive after a fix with a corrected input and its refusals.
 */
@Timeout(300)
class StepfoldOperationsApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String WORK = "arn:aws:states:us-east-1:123456789012:activity:work";
  private static final String PARALLEL = """
      {"StartAt": "Both", "States": {
        "Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Result": "quick", "End": true}}},
          {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}]}}}""".formatted(WORK);

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static TaskTopic tasks;
  static HttpClient http;
  static String stateMachine;

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of());
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.client();
    tasks = new TaskTopic(api.runtime());
    http = HttpClient.newHttpClient();
    sfn.createActivity(r -> r.name("work"));
    stateMachine = sfn.createStateMachine(r -> r.name("parallel").roleArn(ROLE).definition(PARALLEL)).stateMachineArn();
  }

  @AfterAll
  static void stop() {
    if (tasks != null) {
      tasks.close();
    }
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private record Answer(int status, JsonNode body, String errorType) {}

  private static Answer call(String target, String body) throws Exception {
    var request = HttpRequest.newBuilder(api.endpoint().resolve("/"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", AwsJsonServer.CONTENT_TYPE)
        .header("X-Amz-Target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).contains(AwsJsonServer.CONTENT_TYPE);
    assertThat(response.headers().firstValue(AwsJsonServer.REQUEST_ID_HEADER)).isPresent();
    return new Answer(response.statusCode(), MAPPER.readTree(response.body()), response.headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER).orElse(null));
  }

  private static String failedExecution(String name) {
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input("{\"order\": 1}")).executionArn();
    sfn.sendTaskFailure(r -> r.taskToken(tasks.take(executionArn, "Work").getTaskToken()).error("Work.Broken").cause("broken"));
    awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    return executionArn;
  }

  @Test
  void shouldShowWhatARedriveWouldRunAgain() throws Exception {
    var executionArn = failedExecution("plan-1");

    var plan = call("Stepfold.GetRedrivePlan", "{\"executionArn\": \"" + executionArn + "\"}");

    assertThat(plan.status()).isEqualTo(200);
    assertThat(plan.body().path("executionArn").asText()).isEqualTo(executionArn);
    assertThat(plan.body().path("redrivable").asBoolean()).isTrue();
    var rerun = plan.body().path("reruns").get(0);
    assertThat(rerun.path("stateName").asText()).isEqualTo("Both");
    assertThat(rerun.path("stateType").asText()).isEqualTo("Parallel");
    assertThat(rerun.path("input")).isEqualTo(MAPPER.readTree("{\"order\": 1}"));
    assertThat(rerun.path("branches").get(0).path("keepsResult").asBoolean()).as("the branch that succeeded keeps its result").isTrue();
    assertThat(rerun.path("branches").get(1).path("rerun").path("stateName").asText()).isEqualTo("Work");

    var running = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("plan-running")).executionArn();
    var notRedrivable = call("Stepfold.GetRedrivePlan", "{\"executionArn\": \"" + running + "\"}");
    assertThat(notRedrivable.body().path("redrivable").asBoolean()).isFalse();
    assertThat(notRedrivable.body().path("notRedrivableReason").asText()).isNotBlank();
  }

  @Test
  void shouldRedriveAfterAFixWithACorrectedInputAndAnswerAFixThatDoesNotFit() throws Exception {
    var executionArn = failedExecution("fix-1");
    var notRun = call("Stepfold.RedriveExecution", "{\"executionArn\": \"" + executionArn + "\", \"fromState\": \"Later\"}");
    var notJson = call("Stepfold.RedriveExecution", "{\"executionArn\": \"" + executionArn + "\", \"input\": \"{nope\"}");
    var both = call("Stepfold.RedriveExecution", "{\"executionArn\": \"" + executionArn + "\", \"input\": \"{}\", \"inputMerge\": \"{}\"}");
    var plan = call("Stepfold.GetRedrivePlan", "{\"executionArn\": \"" + executionArn + "\", \"inputMerge\": \"{\\\"fixed\\\": true}\"}");

    var redrive = call("Stepfold.RedriveExecution", "{\"executionArn\": \"" + executionArn + "\", \"inputMerge\": \"{\\\"fixed\\\": true}\"}");

    assertThat(notRun.body().path("__type").asText()).isEqualTo("ExecutionNotRedrivable");
    assertThat(notRun.body().path("message").asText()).contains("'Later'");
    assertThat(notJson.body().path("__type").asText()).isEqualTo("InvalidExecutionInput");
    assertThat(both.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(plan.body().at("/reruns/0/branches/1/rerun/input")).isEqualTo(MAPPER.readTree("{\"order\": 1, \"fixed\": true}"));
    assertThat(redrive.status()).as(redrive.body().toString()).isEqualTo(200);
    assertThat(MAPPER.readTree(tasks.take(executionArn, "Work").getPayload())).as("the input of the branch's task that runs again")
        .isEqualTo(MAPPER.readTree("{\"order\": 1, \"fixed\": true}"));
  }

  @Test
  void shouldAnswerTheRedrivePlansErrorsAsTheApiDoes() throws Exception {
    var missing = call("Stepfold.GetRedrivePlan", "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:parallel:none\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("__type").asText()).isEqualTo("ExecutionDoesNotExist");
    assertThat(missing.errorType()).isEqualTo("ExecutionDoesNotExist");
    assertThat(call("Stepfold.GetRedrivePlan", "{\"executionArn\": \"nope\"}").body().path("__type").asText()).isEqualTo("InvalidArn");
    assertThat(call("Stepfold.GetRedrivePlan", "{}").body().path("__type").asText()).isEqualTo("ValidationException");
    var unknown = call("Stepfold.NoSuchThing", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("__type").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void shouldRedriveEveryFailedExecutionOnceAndAnswerTheSameReportAgain() throws Exception {
    var first = failedExecution("bulk-1");
    var second = failedExecution("bulk-2");
    var body = "{\"stateMachineArn\": \"" + stateMachine + "\", \"statuses\": [\"FAILED\"], \"error\": \"Work.Broken\", \"maxPerSecond\": 50,"
        + " \"clientToken\": \"bulk-test-1\"}";

    var report = call("Stepfold.BulkRedrive", body);

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body().path("requestId").asText()).isEqualTo("bulk-test-1");
    assertThat(report.body().path("redriven").findValuesAsText("executionArn")).contains(first, second);
    var redriven = report.body().path("redriven").get(0);
    assertThat(redriven.path("redriveCount").asInt()).isEqualTo(1);
    assertThat(redriven.path("redriveDate").isNumber()).as("a timestamp in epoch seconds").isTrue();
    var described = sfn.describeExecution(r -> r.executionArn(redriven.path("executionArn").asText()));
    assertThat(described.redriveCount()).isEqualTo(1);
    assertThat(Wire.instant(redriven.path("redriveDate"))).as("the redrive's date, as DescribeExecution has it").isEqualTo(described.redriveDate());

    var again = call("Stepfold.BulkRedrive", body);
    assertThat(again.body()).as("the same request answers the same report and redrives nothing again").isEqualTo(report.body());
    for (var executionArn : new String[] {first, second}) {
      sfn.sendTaskSuccess(r -> r.taskToken(tasks.take(executionArn, "Work").getTaskToken()).output("{}"));
      assertThat(awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED).redriveCount()).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseABulkRedriveOfWhatCannotBeRedriven() throws Exception {
    var succeeded = call("Stepfold.BulkRedrive", "{\"stateMachineArn\": \"" + stateMachine + "\", \"statuses\": [\"SUCCEEDED\"]}");
    assertThat(succeeded.status()).isEqualTo(400);
    assertThat(succeeded.body().path("__type").asText()).isEqualTo("ValidationException");
    var window = call("Stepfold.BulkRedrive", "{\"stateMachineArn\": \"" + stateMachine + "\", \"closedAfter\": 1767571200, \"closedBefore\": 1767571100}");
    assertThat(window.body().path("__type").asText()).isEqualTo("ValidationException");
    assertThat(call("Stepfold.BulkRedrive", "{\"stateMachineArn\": \"nope\"}").body().path("__type").asText()).isEqualTo("InvalidArn");
  }
}
