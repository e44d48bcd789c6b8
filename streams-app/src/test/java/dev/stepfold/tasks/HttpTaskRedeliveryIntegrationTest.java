package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import java.nio.file.Path;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * At-least-once delivery of the runners' work: an HTTP call still in flight when the server stops is not lost — its
 * dispatch on {@code stepfold.tasks} is uncommitted, so the restarted server calls again, and the execution takes that
 * answer once.
 */
@Timeout(300)
class HttpTaskRedeliveryIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> ROUTES = Map.of(
      "stepfold.tasks.route.http.resource", HttpInvokeRunner.RESOURCE,
      "stepfold.tasks.route.http.runner", "http");

  @Test
  void shouldCallAgainAfterARestartWhenTheServerStoppedDuringTheCall(@TempDir Path dataDir) throws Exception {
    try (var endpoint = LoopbackEndpoint.start()) {
      endpoint.hold("/slow");
      String executionArn;
      try (var api = RunningApi.start(dataDir, ROUTES)) {
        var executions = new Executions(api.client());
        var stateMachine = executions.stateMachine("slow", """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
              "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}}}}""".formatted(endpoint.url("/slow")));
        executionArn = executions.start(stateMachine, "{}");
        Awaitility.await().atMost(RunningApi.PATIENCE).until(() -> endpoint.requests("/slow").size() == 1);
      }   // stopped while the call waits for its answer

      endpoint.script("/slow", LoopbackEndpoint.Answer.json(200, "{\"answered\": \"after the restart\"}"));
      try (var api = RunningApi.start(dataDir, ROUTES)) {
        var executions = new Executions(api.client());
        var described = executions.await(executionArn, ExecutionStatus.SUCCEEDED);

        assertThat(MAPPER.readTree(described.output()).path("ResponseBody").path("answered").asText()).isEqualTo("after the restart");
        assertThat(endpoint.requests("/slow")).hasSize(2);
        assertThat(executions.types(executionArn)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
            "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
      }
    }
  }
}
