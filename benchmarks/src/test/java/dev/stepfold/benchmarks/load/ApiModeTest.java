package dev.stepfold.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.TaskIntegrationPattern;
import dev.stepfold.schemas.TaskKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API mode's plumbing without stepfold: what goes on the wire, refused calls, the worker's answer to a task. */
class ApiModeTest {
  private HttpServer stub;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    stub = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    stub.createContext("/", exchange -> {
      var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
      var refuse = body.contains("refuse-me");
      var answer = (refuse ? "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"no\"}" : "{}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(refuse ? 400 : 200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    stub.start();
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  @Test
  void shouldStartAnExecutionAsAnSdkDoesAndReportARefusedStart() throws Exception {
    var machine = ArnFormat.DEFAULT.stateMachine("load");
    var refused = new CountDownLatch(1);
    try (var client = new AwsJsonClient(URI.create("http://localhost:" + stub.getAddress().getPort()), 2, "test")) {
      client.submit("StartExecution", ApiLauncher.startExecution(machine, "load-1", "{\"orderId\": 1}"), refusal -> { });
      client.submit("StartExecution", ApiLauncher.startExecution(machine, "refuse-me", "{}"), refusal -> refused.countDown());

      assertThat(refused.await(10, TimeUnit.SECONDS)).as("the refused start is reported").isTrue();
      client.close();
      assertThat(client.refusals()).isEqualTo(1);
    }
    assertThat(received).contains("POST / AWSStepFunctions.StartExecution application/x-amz-json-1.0 "
        + "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:load\",\"name\":\"load-1\",\"input\":\"{\\\"orderId\\\": 1}\"}");
  }

  @Test
  void shouldAnswerATaskWithItsTokenAndAReceiptForItsOrder() {
    var task = TaskDispatchRecord.newBuilder().setTaskToken("token-1").setExecutionArn("arn:aws:states:us-east-1:123456789012:execution:load:load-1")
        .setStateName("Charge").setScheduledEventId(5).setKind(TaskKind.TASK).setResourceArn(LoadDriver.TASK_RESOURCE).setResourceType("lambda")
        .setResource("invoke").setPattern(TaskIntegrationPattern.REQUEST_RESPONSE)
        .setPayload("{\"FunctionName\": \"charge\", \"Payload\": {\"orderId\": 7, \"amount\": 42}}").build();

    var answer = ApiChargeWorker.answer(task);

    assertThat(answer.toString()).isEqualTo("{\"taskToken\":\"token-1\",\"output\":\"{\\\"receipt\\\":\\\"r-7\\\"}\"}");
  }
}
