package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Nested executions three levels deep on a real broker — a top state machine starting a middle one with
 * {@code .sync:2}, which starts a leaf with {@code .sync} whose HTTP task the server runs: the leaf's failure fails all
 * three, a redrive of the top starts a new middle and a new leaf (AWS starts the child again), and stopping the top
 * stops the children that run; a child started with {@code .waitForTaskToken} ends its parent's task when the token is answered.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedExecutionsIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpRoutedApi running;
  private LoopbackEndpoint endpoint;
  private RunningApi api;
  private Executions executions;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    running = HttpRoutedApi.start(dataDir);
    endpoint = running.endpoint;
    api = running.api;
    executions = running.executions;
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  /** The three state machines. */
  private record Levels(String top, String middle, String leaf) {}

  /** Top → middle (.sync:2) → leaf (.sync) → a GET of {@code path}. */
  private Levels threeLevels(String name, String path) {
    var leaf = executions.stateMachine(name + "-leaf", """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}, "ResultSelector": {"leaf.$": "$.ResponseBody"}}}}""".formatted(endpoint.url(path)));
    var middle = executions.stateMachine(name + "-middle", """
        {"StartAt": "Leaf", "States": {"Leaf": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true,
          "Parameters": {"StateMachineArn": "%s", "Input": {"from": "middle"}}, "ResultSelector": {"middle.$": "$.Output"}}}}""".formatted(leaf));
    var top = executions.stateMachine(name + "-top", """
        {"StartAt": "Middle", "States": {"Middle": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true,
          "Parameters": {"StateMachineArn": "%s", "Input": {"from": "top"}}, "ResultSelector": {"top.$": "$.Output"}}}}""".formatted(middle));
    return new Levels(top, middle, leaf);
  }

  private List<ExecutionListItem> executionsOf(String stateMachineArn) {
    return api.client().listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
  }

  @Test
  void shouldFailAllThreeLevelsAndStartTheChildrenAgainWhenTheTopIsRedriven() throws Exception {
    endpoint.script("/nested", LoopbackEndpoint.Answer.json(503, "{\"message\": \"busy\"}"));
    var levels = threeLevels("nested", "/nested");

    var failed = executions.run(levels.top(), "{}", ExecutionStatus.FAILED);
    executions.assertFailed(failed, "States.TaskFailed");

    endpoint.script("/nested", LoopbackEndpoint.Answer.json(200, "{\"done\": true}"));
    var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

    var output = MAPPER.readTree(redriven.output());
    assertThat(MAPPER.readTree(output.path("top").path("middle").asText())).isEqualTo(MAPPER.readTree("{\"leaf\": {\"done\": true}}"));
    assertThat(executions.types(failed.executionArn())).contains("ExecutionRedriven");
    assertThat(endpoint.requests("/nested")).hasSize(2);
    assertThat(executionsOf(levels.middle())).extracting(ExecutionListItem::status)
        .containsExactlyInAnyOrder(ExecutionStatus.FAILED, ExecutionStatus.SUCCEEDED);
    assertThat(executionsOf(levels.leaf())).extracting(ExecutionListItem::status)
        .containsExactlyInAnyOrder(ExecutionStatus.FAILED, ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldStopTheRunningChildrenWhenTheTopIsStopped() {
    endpoint.hold("/held");
    var levels = threeLevels("stopped", "/held");
    var executionArn = executions.start(levels.top(), "{}");
    Awaitility.await().atMost(RunningApi.PATIENCE).until(() -> endpoint.requests("/held").size() == 1);

    api.client().stopExecution(r -> r.executionArn(executionArn));

    executions.await(executionArn, ExecutionStatus.ABORTED);
    for (var child : List.of(levels.middle(), levels.leaf())) {
      Awaitility.await().atMost(RunningApi.PATIENCE).until(() -> executionsOf(child).stream().map(ExecutionListItem::status).toList(),
          statuses -> statuses.equals(List.of(ExecutionStatus.ABORTED)));
    }
  }

  @Test
  void shouldEndAWaitForTaskTokenChildStartWhenTheTokenIsAnswered() throws Exception {
    endpoint.script("/callback", LoopbackEndpoint.Answer.json(202, "{}"));
    var child = executions.stateMachine("callback-child", """
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "POST", "RequestBody": {"token.$": "$.token"}}}}}""".formatted(endpoint.url("/callback")));
    var parent = executions.stateMachine("callback-parent", """
        {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
          "End": true, "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}}}}}""".formatted(child));
    var executionArn = executions.start(parent, "{}");
    Awaitility.await().atMost(RunningApi.PATIENCE).until(() -> endpoint.requests("/callback").size() == 1);
    var token = MAPPER.readTree(endpoint.requests("/callback").get(0).body()).path("token").asText();

    api.client().sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\": true}"));

    var described = executions.await(executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(MAPPER.readTree(described.output())).isEqualTo(MAPPER.readTree("{\"approved\": true}"));
    assertThat(executionsOf(child)).extracting(ExecutionListItem::status).containsExactly(ExecutionStatus.SUCCEEDED);
  }
}
