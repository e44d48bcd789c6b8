package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Lambda-style tasks — a function ARN as the Resource, and {@code arn:aws:states:::lambda:invoke} — routed to functions
 * played by an HTTP server on loopback, on a real broker: the event POSTed, the function's answer as the result (in
 * {@code lambda:invoke}'s shape), and each kind of failure (a function error, 5XX, 4XX, a slow answer past the
 * time-out, a connection refused) through a Retry and a Catch, and redriven once the function is fixed; a function
 * routed to a mocked response answered attempt by attempt.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaTasksIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

  /** A function failing in one way, and the error its task fails with. */
  enum Failure {
    FUNCTION_ERROR("CardDeclined"),
    SERVER_ERROR("Lambda.ServiceException"),
    CLIENT_ERROR("Lambda.ResourceNotFoundException"),
    SLOW_ANSWER("States.Timeout"),
    CONNECTION_REFUSED("Lambda.SdkClientException");

    final String error;

    Failure(String error) {
      this.error = error;
    }

    String function(String scenario) {
      return scenario + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final List<String> SCENARIOS = List.of("caught", "redriven");

  private LoopbackEndpoint endpoint;
  private int closedPort;
  private RunningApi api;
  private Executions executions;
  private final List<LoopbackEndpoint> broughtUp = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    endpoint = LoopbackEndpoint.start();
    closedPort = LoopbackEndpoint.closedPort();
    var settings = new LinkedHashMap<String, String>();
    settings.put("stepfold.tasks.lambda.timeout.max.seconds", "3");
    settings.put("stepfold.tasks.mock.config", Path.of("..", "examples", "order", "mock.json").toAbsolutePath().toString());
    settings.put("stepfold.tasks.route.mocked.function", "charge-mocked");
    settings.put("stepfold.tasks.route.mocked.runner", "mock");
    settings.put("stepfold.tasks.route.mocked.response", "ChargeBusyTwiceThenSucceeds");
    route(settings, "charge", endpoint.url("/fn/charge"));
    for (var failure : Failure.values()) {
      for (var scenario : SCENARIOS) {
        var function = failure.function(scenario);
        route(settings, function, failure == Failure.CONNECTION_REFUSED ? "http://127.0.0.1:" + closedPort + "/fn/" + function
            : endpoint.url("/fn/" + function));
      }
    }
    api = RunningApi.start(dataDir, settings);
    executions = new Executions(api.client());
  }

  private static void route(java.util.Map<String, String> settings, String function, String url) {
    settings.put("stepfold.tasks.route." + function + ".function", function);
    settings.put("stepfold.tasks.route." + function + ".runner", "lambda");
    settings.put("stepfold.tasks.route." + function + ".url", url);
  }

  @AfterAll
  void stop() {
    broughtUp.forEach(LoopbackEndpoint::close);
    if (api != null) {
      api.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void shouldPostThePayloadAndReturnLambdaInvokesResult() throws Exception {
    endpoint.script("/fn/charge", LoopbackEndpoint.Answer.json(200, "{\"chargeId\": \"ch-1\"}"));
    var stateMachine = executions.stateMachine("charge-invoke", """
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
          "Parameters": {"FunctionName": "charge:prod", "Payload": {"amount.$": "$.amount"}}}}}""");

    var described = executions.run(stateMachine, "{\"amount\": 5}", ExecutionStatus.SUCCEEDED);

    var output = MAPPER.readTree(described.output());
    assertThat(output.get("ExecutedVersion").asText()).isEqualTo("prod");
    assertThat(output.get("Payload")).isEqualTo(MAPPER.readTree("{\"chargeId\": \"ch-1\"}"));
    assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(output.path("SdkHttpMetadata").path("AllHttpHeaders").path("X-Amz-Executed-Version").get(0).asText()).isEqualTo("prod");
    assertThat(output.path("SdkResponseMetadata").path("RequestId").asText()).isNotBlank();
    var request = endpoint.requests("/fn/charge").get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(MAPPER.readTree(request.body())).isEqualTo(MAPPER.readTree("{\"amount\": 5}"));
    assertThat(request.header("X-Stepfold-Function-Name")).isEqualTo("charge");
    assertThat(request.header("X-Stepfold-Function-Qualifier")).isEqualTo("prod");
  }

  @Test
  void shouldReturnTheFunctionsAnswerForAFunctionArnAsResource() throws Exception {
    endpoint.script("/fn/charge", LoopbackEndpoint.Answer.json(200, "{\"chargeId\": \"ch-2\"}"));
    var stateMachine = executions.stateMachine("charge-arn", """
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "%scharge", "End": true}}}""".formatted(FUNCTION_ARN));

    var described = executions.run(stateMachine, "{\"amount\": 6}", ExecutionStatus.SUCCEEDED);

    assertThat(MAPPER.readTree(described.output())).isEqualTo(MAPPER.readTree("{\"chargeId\": \"ch-2\"}"));
    assertThat(executions.types(described.executionArn())).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
        "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(MAPPER.readTree(endpoint.requests("/fn/charge").get(1).body())).isEqualTo(MAPPER.readTree("{\"amount\": 6}"));
  }

  @Test
  void shouldAnswerEachAttemptFromTheMockedResponseOfAMockRoute() throws Exception {
    var stateMachine = executions.stateMachine("charge-mocked", """
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
          "Parameters": {"FunctionName": "charge-mocked", "Payload": {}}, "ResultSelector": {"chargeId.$": "$.Payload.chargeId"},
          "Retry": [{"ErrorEquals": ["Payments.Unavailable"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1}]}}}""");

    var described = executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED);

    assertThat(MAPPER.readTree(described.output())).isEqualTo(MAPPER.readTree("{\"chargeId\": \"ch_1001\"}"));
    assertThat(executions.taskErrors(described.executionArn())).containsExactly("Payments.Unavailable", "Payments.Unavailable");
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void shouldRetryThenCatchTheFailure(Failure failure) throws Exception {
    var function = failure.function("caught");
    failing(failure, function);
    var stateMachine = executions.stateMachine("caught", """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
            "Parameters": {"FunctionName": "%s", "Payload": {"order": 1}},
            "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 1, "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["%s"], "ResultPath": "$.error", "Next": "Done"}]},
          "Done": {"Type": "Pass", "End": true}}}""".formatted(function, failure.error, failure.error));

    var described = executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED);

    assertThat(executions.taskErrors(described.executionArn())).containsExactly(failure.error, failure.error);
    var caught = MAPPER.readTree(described.output()).path("error");
    assertThat(caught.path("Error").asText()).isEqualTo(failure.error);
    if (failure == Failure.FUNCTION_ERROR) {
      assertThat(MAPPER.readTree(caught.path("Cause").asText()).path("errorMessage").asText()).isEqualTo("The card was declined.");
    }
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void shouldRedriveTheFailedFunctionOnceItIsFixed(Failure failure) throws Exception {
    var function = failure.function("redriven");
    failing(failure, function);
    var stateMachine = executions.stateMachine("redriven", """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s%s", "End": true}}}""".formatted(FUNCTION_ARN, function));
    var failed = executions.run(stateMachine, "{\"order\": 2}", ExecutionStatus.FAILED);
    executions.assertFailed(failed, failure.error);

    fix(failure, function);
    var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

    assertThat(MAPPER.readTree(redriven.output())).isEqualTo(MAPPER.readTree("{\"fixed\": true}"));
    assertThat(executions.taskErrors(failed.executionArn())).containsExactly(failure.error);
    assertThat(executions.types(failed.executionArn())).contains("ExecutionRedriven", "LambdaFunctionFailed", "LambdaFunctionSucceeded");
  }

  private void failing(Failure failure, String function) {
    var path = "/fn/" + function;
    switch (failure) {
      case FUNCTION_ERROR -> endpoint.script(path, LoopbackEndpoint.Answer.json(200,
          "{\"errorType\": \"CardDeclined\", \"errorMessage\": \"The card was declined.\"}").with("X-Amz-Function-Error", "Unhandled"));
      case SERVER_ERROR -> endpoint.script(path, LoopbackEndpoint.Answer.json(502, "{\"message\": \"down\"}"));
      case CLIENT_ERROR -> endpoint.script(path, LoopbackEndpoint.Answer.json(404, "{\"message\": \"no such function\"}"));
      case SLOW_ANSWER -> endpoint.hold(path);
      case CONNECTION_REFUSED -> {
        // nothing listens on the route's port
      }
    }
  }

  private void fix(Failure failure, String function) throws Exception {
    var fixed = LoopbackEndpoint.Answer.json(200, "{\"fixed\": true}");
    if (failure == Failure.CONNECTION_REFUSED) {
      if (broughtUp.isEmpty()) {
        broughtUp.add(LoopbackEndpoint.startOn(closedPort));
      }
      broughtUp.get(0).script("/fn/" + function, fixed);
    } else {
      endpoint.script("/fn/" + function, fixed);
    }
  }
}
