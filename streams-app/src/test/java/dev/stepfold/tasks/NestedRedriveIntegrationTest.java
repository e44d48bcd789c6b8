package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.AwsJsonServer;
import dev.stepfold.api.RunningApi;
import dev.stepfold.streams.StepfoldConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code stepfold.redrive.nested.executions=redrive-child} on a real broker: top → middle ({@code .sync:2}) → leaf
 * ({@code .sync}) → an HTTP task that fails. The redrive of the top redrives the middle it started, which redrives
 * its leaf, which calls the endpoint again: one execution of each state machine, each with its own history and a
 * redrive in it, and the redrive plan says that the child is redriven.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedRedriveIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpRoutedApi running;
  private Executions executions;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    running = HttpRoutedApi.start(dataDir, Map.of(StepfoldConfig.REDRIVE_NESTED_EXECUTIONS, "redrive-child"));
    executions = running.executions;
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldRedriveTheFailedChildrenThemselvesWhenTheTopIsRedriven() throws Exception {
    running.endpoint.script("/flaky", LoopbackEndpoint.Answer.json(503, "{\"message\": \"busy\"}"));
    var leaf = executions.stateMachine("redriven-leaf", """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}, "ResultSelector": {"leaf.$": "$.ResponseBody"}}}}"""
        .formatted(running.endpoint.url("/flaky")));
    var middle = executions.stateMachine("redriven-middle", """
        {"StartAt": "Before", "States": {"Before": {"Type": "Pass", "Next": "Leaf"},
          "Leaf": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true,
          "Parameters": {"StateMachineArn": "%s", "Input": {"from": "middle"}}, "ResultSelector": {"middle.$": "$.Output"}}}}""".formatted(leaf));
    var top = executions.stateMachine("redriven-top", """
        {"StartAt": "Middle", "States": {"Middle": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true,
          "Parameters": {"StateMachineArn": "%s", "Input": {"from": "top"}}, "ResultSelector": {"top.$": "$.Output"}}}}""".formatted(middle));
    var failed = executions.run(top, "{}", ExecutionStatus.FAILED);

    var plan = plan(failed.executionArn()).path("reruns").path(0);
    assertThat(plan.path("stateName").asText()).isEqualTo("Middle");
    assertThat(plan.path("childExecution").path("redriven").asBoolean()).isTrue();
    assertThat(plan.path("childExecution").path("executionArn").asText()).isEqualTo(only(middle).executionArn());

    running.endpoint.script("/flaky", LoopbackEndpoint.Answer.json(200, "{\"done\": true}"));
    var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

    var output = MAPPER.readTree(redriven.output());
    assertThat(MAPPER.readTree(output.path("top").path("middle").asText())).isEqualTo(MAPPER.readTree("{\"leaf\": {\"done\": true}}"));
    assertThat(running.endpoint.requests("/flaky")).hasSize(2);
    for (var child : List.of(middle, leaf)) {
      var execution = only(child);
      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      var types = executions.types(execution.executionArn());
      assertThat(types).containsOnlyOnce("ExecutionStarted").containsOnlyOnce("ExecutionRedriven");
      assertThat(running.api.client().describeExecution(r -> r.executionArn(execution.executionArn())).redriveCount()).isEqualTo(1);
    }
    var middleTypes = executions.types(only(middle).executionArn());
    assertThat(middleTypes.subList(middleTypes.indexOf("ExecutionRedriven"), middleTypes.size()))
        .as("the middle continues from its failed step").doesNotContain("PassStateEntered");
  }

  private ExecutionListItem only(String stateMachineArn) {
    var listed = running.api.client().listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
    assertThat(listed).as("one execution of " + stateMachineArn).hasSize(1);
    return listed.get(0);
  }

  private JsonNode plan(String executionArn) throws Exception {
    var request = HttpRequest.newBuilder(running.api.endpoint().resolve("/"))
        .header("Content-Type", AwsJsonServer.CONTENT_TYPE)
        .header("X-Amz-Target", "Stepfold.GetRedrivePlan")
        .POST(HttpRequest.BodyPublishers.ofString("{\"executionArn\": \"" + executionArn + "\"}"))
        .build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }
}
