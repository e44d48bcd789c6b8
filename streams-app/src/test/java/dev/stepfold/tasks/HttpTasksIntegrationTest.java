package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.api.RunningApi;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * HTTP tasks ({@code arn:aws:states:::http:invoke}) run by the server against an HTTP server on loopback, on a real
 * broker: the request the parameters describe, the connections' authorization, AWS's result shape, and each kind of
 * failure (5XX, 4XX, a slow answer past the time-out, a connection refused) through a Retry and a Catch, and redriven
 * once the service is fixed.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTasksIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String API_KEY_CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/shop/1";
  private static final String OAUTH_CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/ledger/2";

  private LoopbackEndpoint endpoint;
  private RunningApi api;
  private Executions executions;
  private final List<LoopbackEndpoint> broughtUp = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    endpoint = LoopbackEndpoint.start();
    api = RunningApi.start(dataDir, Map.ofEntries(
        Map.entry("stepfold.tasks.route.http.resource", HttpInvokeRunner.RESOURCE),
        Map.entry("stepfold.tasks.route.http.runner", "http"),
        Map.entry("stepfold.tasks.http.timeout.max.seconds", "3"),
        Map.entry("stepfold.tasks.connection.shop.arn", API_KEY_CONNECTION),
        Map.entry("stepfold.tasks.connection.shop.auth", "API_KEY"),
        Map.entry("stepfold.tasks.connection.shop.api.key.name", "x-api-key"),
        Map.entry("stepfold.tasks.connection.shop.api.key.value", "key-1"),
        Map.entry("stepfold.tasks.connection.ledger.arn", OAUTH_CONNECTION),
        Map.entry("stepfold.tasks.connection.ledger.auth", "OAUTH_CLIENT_CREDENTIALS"),
        Map.entry("stepfold.tasks.connection.ledger.oauth.endpoint", endpoint.url("/token")),
        Map.entry("stepfold.tasks.connection.ledger.oauth.client.id", "client-1"),
        Map.entry("stepfold.tasks.connection.ledger.oauth.client.secret", "secret-1")));
    executions = new Executions(api.client());
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
  void shouldSendTheRequestItsParametersDescribeAndReturnAwsResultShape() throws Exception {
    endpoint.script("/orders", LoopbackEndpoint.Answer.json(201, "{\"id\": 7}").with("Location", "/orders/7"));
    var stateMachine = executions.stateMachine("create-order", """
        {"StartAt": "CreateOrder", "States": {"CreateOrder": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "POST", "Authentication": {"ConnectionArn": "%s"},
            "Headers": {"X-Trace": "t-1"}, "QueryParameters": {"expand": ["items", "customer"], "v": "2"},
            "RequestBody": {"order.$": "$.order"}}}}}""".formatted(endpoint.url("/orders"), API_KEY_CONNECTION));

    var described = executions.run(stateMachine, "{\"order\": {\"sku\": \"A-1\", \"count\": 2}}", ExecutionStatus.SUCCEEDED);

    var output = MAPPER.readTree(described.output());
    assertThat(output.get("StatusCode").asInt()).isEqualTo(201);
    assertThat(output.get("StatusText").asText()).isEqualTo("Created");
    assertThat(output.get("ResponseBody")).isEqualTo(MAPPER.readTree("{\"id\": 7}"));
    assertThat(output.get("Headers").get("location")).isEqualTo(MAPPER.readTree("[\"/orders/7\"]"));
    var request = endpoint.requests("/orders").get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.query()).isEqualTo("expand=items&expand=customer&v=2");
    assertThat(request.header("x-api-key")).isEqualTo("key-1");
    assertThat(request.header("X-Trace")).isEqualTo("t-1");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(MAPPER.readTree(request.body())).isEqualTo(MAPPER.readTree("{\"order\": {\"sku\": \"A-1\", \"count\": 2}}"));
    assertThat(executions.types(described.executionArn()))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
  }

  @Test
  void shouldUrlEncodeTheBodyAndAuthorizeWithAnOAuthToken() throws Exception {
    endpoint.script("/token", LoopbackEndpoint.Answer.json(200, "{\"access_token\": \"tok-1\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
    endpoint.script("/entries", LoopbackEndpoint.Answer.json(200, "{\"ok\": true}"));
    var stateMachine = executions.stateMachine("ledger", """
        {"StartAt": "Book", "States": {"Book": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
          "Parameters": {"ApiEndpoint": "%s", "Method": "PUT", "Authentication": {"ConnectionArn": "%s"},
            "RequestBody": {"tags": ["a", "b"], "amount": 5, "payer": {"name": "Ann"}},
            "Transform": {"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}}}}}"""
        .formatted(endpoint.url("/entries"), OAUTH_CONNECTION));

    executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED);

    var request = endpoint.requests("/entries").get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.body()).isEqualTo("tags%5B%5D=a&tags%5B%5D=b&amount=5&payer%5Bname%5D=Ann");
    var tokenRequest = endpoint.requests("/token").get(0);
    assertThat(tokenRequest.body()).isEqualTo("grant_type=client_credentials");
    assertThat(tokenRequest.header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("client-1:secret-1".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldChangeNothingWhenALateOrDuplicateAnswerComesForAFinishedTask() {
    endpoint.script("/ping", LoopbackEndpoint.Answer.json(200, "{}"));
    var stateMachine = executions.stateMachine("ping", definition(endpoint.url("/ping"), ""));
    var executionArn = executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED).executionArn();
    var history = executions.history(executionArn);
    var scheduled = history.stream().filter(event -> event.typeAsString().equals("TaskScheduled")).findFirst().orElseThrow();
    var token = TaskToken.of(new ExecutionArn(executionArn), scheduled.id()).value();

    assertThatThrownBy(() -> api.client().sendTaskSuccess(r -> r.taskToken(token).output("{\"again\": true}")))
        .isInstanceOf(TaskTimedOutException.class);
    assertThatThrownBy(() -> api.client().sendTaskFailure(r -> r.taskToken(token).error("Late")))
        .isInstanceOf(TaskTimedOutException.class);

    assertThat(executions.history(executionArn)).isEqualTo(history);
  }

  @Test
  void shouldKeepARoutedTaskFromAKafkaWorkerServingEveryResource() throws Exception {
    endpoint.script("/stock", LoopbackEndpoint.Answer.json(200, "{\"inStock\": 3}"));
    var stateMachine = executions.stateMachine("routed", """
        {"StartAt": "Check", "States": {
          "Check": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Next": "Reserve", "ResultSelector": {"stock.$": "$.ResponseBody"},
            "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}},
          "Reserve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}""".formatted(endpoint.url("/stock")));
    var taken = new CopyOnWriteArrayList<String>();
    var runtime = api.runtime();
    try (var everything = TaskWorker.builder().bootstrapServers(runtime.bootstrapServers()).schemaRegistryUrl(runtime.schemaRegistryUrl())
        .name("every-resource").allResources()
        .handler(task -> {
          taken.add(task.stateName() + " " + task.resourceArn());
          return TaskResult.success("{\"reserved\": true}");
        }).start()) {
      assertThat(everything.awaitReady(RunningApi.PATIENCE)).isTrue();

      var described = executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED);

      // Check's task was dispatched before Reserve's, on the same key: had it been on stepfold.tasks, the worker would have read it first
      assertThat(taken).containsExactly("Reserve arn:aws:states:::sqs:sendMessage");
      assertThat(endpoint.requests("/stock")).hasSize(1);
      assertThat(MAPPER.readTree(described.output())).isEqualTo(MAPPER.readTree("{\"reserved\": true}"));
      var reserveInput = executions.history(described.executionArn()).stream()
          .filter(event -> event.typeAsString().equals("TaskScheduled")).skip(1).findFirst().orElseThrow().taskScheduledEventDetails().parameters();
      assertThat(MAPPER.readTree(reserveInput)).isEqualTo(MAPPER.readTree("{\"stock\": {\"inStock\": 3}}"));
    }
  }

  /** A service failing in one way, the error the task fails with, and how the test fixes the service. */
  enum Failure {
    SERVER_ERROR("States.Http.StatusCode.503"),
    CLIENT_ERROR("States.Http.StatusCode.404"),
    SLOW_ANSWER("States.Timeout"),
    CONNECTION_REFUSED("States.Http.Socket");

    final String error;

    Failure(String error) {
      this.error = error;
    }
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void shouldRetryThenCatchTheFailure(Failure failure) throws Exception {
    var url = failing(failure, "/caught-" + failure);
    var stateMachine = executions.stateMachine("caught", definition(url, """
        , "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 1, "MaxAttempts": 1}],
          "Catch": [{"ErrorEquals": ["%s"], "ResultPath": "$.error", "Next": "Done"}]""".formatted(failure.error, failure.error)));

    var described = executions.run(stateMachine, "{}", ExecutionStatus.SUCCEEDED);

    assertThat(executions.taskErrors(described.executionArn())).containsExactly(failure.error, failure.error);
    assertThat(MAPPER.readTree(described.output()).path("error").path("Error").asText()).isEqualTo(failure.error);
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void shouldRedriveTheFailedTaskOnceTheServiceIsFixed(Failure failure) throws Exception {
    var path = "/redriven-" + failure;
    var url = failing(failure, path);
    var stateMachine = executions.stateMachine("redriven", definition(url, ""));
    var failed = executions.run(stateMachine, "{}", ExecutionStatus.FAILED);
    executions.assertFailed(failed, failure.error);
    if (failure == Failure.SERVER_ERROR || failure == Failure.CLIENT_ERROR) {
      assertThat(MAPPER.readTree(failed.cause()).path("StatusCode").asInt()).isEqualTo(Integer.parseInt(failure.error.substring(failure.error.lastIndexOf('.') + 1)));
    }

    fix(failure, url, path);
    var redriven = executions.redrive(failed.executionArn(), ExecutionStatus.SUCCEEDED);

    assertThat(MAPPER.readTree(redriven.output()).path("ResponseBody")).isEqualTo(MAPPER.readTree("{\"fixed\": true}"));
    assertThat(executions.taskErrors(failed.executionArn())).containsExactly(failure.error);
    assertThat(executions.types(failed.executionArn())).contains("ExecutionRedriven");
  }

  /** The URL of a service failing as {@code failure} says. */
  private String failing(Failure failure, String path) throws Exception {
    switch (failure) {
      case SERVER_ERROR -> endpoint.script(path, LoopbackEndpoint.Answer.json(503, "{\"message\": \"busy\"}"));
      case CLIENT_ERROR -> endpoint.script(path, LoopbackEndpoint.Answer.json(404, "{\"message\": \"no such order\"}"));
      case SLOW_ANSWER -> endpoint.hold(path);
      case CONNECTION_REFUSED -> {
        return "http://127.0.0.1:" + LoopbackEndpoint.closedPort() + path;
      }
    }
    return endpoint.url(path);
  }

  private void fix(Failure failure, String url, String path) throws Exception {
    var fixed = LoopbackEndpoint.Answer.json(200, "{\"fixed\": true}");
    if (failure == Failure.CONNECTION_REFUSED) {
      var server = LoopbackEndpoint.startOn(java.net.URI.create(url).getPort());
      broughtUp.add(server);
      server.script(path, fixed);
    } else {
      endpoint.script(path, fixed);
    }
  }

  /** A GET of {@code url}, then a Pass; {@code handlers} is added to the Task state ({@code , "Retry": ...}). */
  private static String definition(String url, String handlers) {
    return """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Next": "Done",
            "Parameters": {"ApiEndpoint": "%s", "Method": "GET"}%s},
          "Done": {"Type": "Pass", "End": true}}}""".formatted(url, handlers);
  }
}
