package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire format of the endpoint, without a runtime: every malformed request gets the AWS error a real endpoint gives, never a 500. */
class AwsJsonServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicBoolean READY = new AtomicBoolean(true);
  private static final int MAX_BODY = 512 * 1024;
  private static AwsJsonServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = AwsJsonServer.start("localhost", 0, 8, MAX_BODY, FakeOperations.someOperations(),
        new SigV4Verifier(Map.of(), "us-east-1", Clock.systemUTC()), READY::get);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<String> response) {
    String errorType() {
      return body.path("__type").asText();
    }

    String message() {
      return body.path("message").asText();
    }
  }

  private static Answer post(String path, String target, String contentType, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body()), response);
  }

  private static Answer call(String operation, String body) throws Exception {
    return post("/", "AWSStepFunctions." + operation, AwsJsonServer.CONTENT_TYPE, body);
  }

  private static void assertError(Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.errorType()).isEqualTo(type);
    assertThat(answer.response().headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER)).contains(type);
    assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(value -> assertThat(value).startsWith(AwsJsonServer.CONTENT_TYPE));
    assertThat(answer.body().has("code")).isFalse();
  }

  @Test
  void shouldAnswerAnOperationWithItsOutputAndARequestId() throws Exception {
    var answer = call("DescribeExecution", "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:M:e\", \"unknownMember\": 1}");
    assertThat(answer.status()).isEqualTo(200);
    var requestId = answer.response().headers().firstValue(AwsJsonServer.REQUEST_ID_HEADER).orElseThrow();
    assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
    assertThat(answer.body().get("requestId").asText()).as("the operation's request id is the HTTP one").isEqualTo(requestId);
    assertThat(answer.response().headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER)).isEmpty();
  }

  @Test
  void shouldServeAnyPathAndAnyHost() throws Exception {
    assertThat(post("/sfn/", "AWSStepFunctions.ListStateMachines", AwsJsonServer.CONTENT_TYPE, "{}").status()).isEqualTo(200);
    assertThat(post("/a/b/c", "AWSStepFunctions.ListStateMachines", AwsJsonServer.CONTENT_TYPE, "").status()).as("an empty body is {}").isEqualTo(200);
  }

  @Test
  void shouldServeTheSyncHostPrefixOfTestStateAndStartSyncExecution() throws Exception {
    var body = "{}";
    try (var socket = new java.net.Socket("localhost", server.port())) {
      var request = "POST / HTTP/1.1\r\nHost: sync-localhost:" + server.port() + "\r\nContent-Type: " + AwsJsonServer.CONTENT_TYPE
          + "\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\"stateMachines\":[]");
    }
  }

  @Test
  void shouldAnswerABodyThatIsNotJsonWithSerializationException() throws Exception {
    assertError(call("ListStateMachines", "{not json"), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
    assertError(call("ListStateMachines", "[1, 2]"), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
    assertError(call("ListStateMachines", "\"text\""), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
    assertError(call("ListStateMachines", "[".repeat(5000)), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
  }

  @Test
  void shouldAnswerAnotherContentTypeWithSerializationException() throws Exception {
    assertError(post("/", "AWSStepFunctions.ListStateMachines", "text/plain", "{}"), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
    assertError(post("/", "AWSStepFunctions.ListStateMachines", null, "{}"), 400, ErrorTypes.SERIALIZATION_EXCEPTION);
  }

  @Test
  void shouldAnswerAnUnknownTargetWithUnknownOperationException() throws Exception {
    assertError(call("Frobnicate", "{}"), 404, ErrorTypes.UNKNOWN_OPERATION);
    assertError(post("/", null, AwsJsonServer.CONTENT_TYPE, "{}"), 404, ErrorTypes.UNKNOWN_OPERATION);
    assertError(post("/", "DynamoDB_20120810.ListTables", AwsJsonServer.CONTENT_TYPE, "{}"), 404, ErrorTypes.UNKNOWN_OPERATION);
  }

  @Test
  void shouldSayThatAnOperationOfTheApiIsNotAvailableYet() throws Exception {
    var answer = call("CreateActivity", "{\"name\": \"a\"}");
    assertError(answer, 400, ErrorTypes.UNSUPPORTED_OPERATION);
    assertThat(answer.message()).isEqualTo("stepfold does not answer CreateActivity yet");
  }

  @Test
  void shouldAnswerAMissingMemberInAwsWording() throws Exception {
    var answer = call("DescribeExecution", "{}");
    assertError(answer, 400, ErrorTypes.VALIDATION_EXCEPTION);
    assertThat(answer.message())
        .isEqualTo("1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null");
    assertThat(answer.body().get("reason").asText()).isEqualTo("MISSING_REQUIRED_PARAMETER");
    assertThat(call("DescribeExecution", "{\"executionArn\": null}").message()).contains("Value null at 'executionArn'");
  }

  @Test
  void shouldAnswerAMistypedMemberWithValidationException() throws Exception {
    var answer = call("DescribeExecution", "{\"executionArn\": 42}");
    assertError(answer, 400, ErrorTypes.VALIDATION_EXCEPTION);
    assertThat(answer.message()).isEqualTo("1 validation error detected: Value '42' at 'executionArn' failed to satisfy constraint: Member must be a string");
    assertThat(call("ListStateMachines", "{\"maxResults\": \"ten\"}").message())
        .isEqualTo("1 validation error detected: Value 'ten' at 'maxResults' failed to satisfy constraint: Member must be an integer");
    assertThat(call("ListStateMachines", "{\"maxResults\": 1.5}").errorType()).isEqualTo(ErrorTypes.VALIDATION_EXCEPTION);
  }

  @Test
  void shouldAnswerAMemberOutOfRangeInAwsWording() throws Exception {
    assertThat(call("ListStateMachines", "{\"maxResults\": 1001}").message())
        .isEqualTo("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    assertThat(call("ListStateMachines", "{\"maxResults\": -1}").message())
        .isEqualTo("1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0");
    assertThat(call("ListStateMachines", "{\"nextToken\": \"\"}").message())
        .isEqualTo("1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assertThat(call("DescribeExecution", "{\"executionArn\": \"a\", \"includedData\": \"SOME\"}").message())
        .isEqualTo("1 validation error detected: Value 'SOME' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]");
    assertThat(call("DescribeExecution", "{\"executionArn\": \"" + "a".repeat(257) + "\"}").message())
        .endsWith("at 'executionArn' failed to satisfy constraint: Member must have length less than or equal to 256");
  }

  @Test
  void shouldAnswerAnInvalidNameWithInvalidName() throws Exception {
    var start = "{\"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:M\", \"name\": \"%s\"}";
    for (var name : new String[] {"with space", "a/b", "a:b", "semi;colon", "brace{", "tab\\t", "star*"}) {
      var answer = call("StartExecution", start.formatted(name));
      assertError(answer, 400, "InvalidName");
    }
    assertThat(call("StartExecution", start.formatted("x".repeat(81))).errorType()).as("too long is a length constraint first")
        .isEqualTo(ErrorTypes.VALIDATION_EXCEPTION);
    assertThat(call("StartExecution", start.formatted("fine-Name_1")).status()).isEqualTo(200);
  }

  @Test
  void shouldLeaveASensitiveValueOutOfItsMessage() throws Exception {
    var answer = call("StartExecution", "{\"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:M\", \"input\": \"secret-"
        + "x".repeat(Members.PAYLOAD_LENGTH) + "\"}");
    assertError(answer, 400, ErrorTypes.VALIDATION_EXCEPTION);
    assertThat(answer.message()).isEqualTo("1 validation error detected: Value at 'input' failed to satisfy constraint: "
        + "Member must have length less than or equal to 262144").doesNotContain("secret");
  }

  @Test
  void shouldAnswerABodyOverTheLimitWithRequestEntityTooLarge() throws Exception {
    assertError(call("ListStateMachines", "{\"nextToken\": \"" + "x".repeat(MAX_BODY) + "\"}"), 413, ErrorTypes.REQUEST_ENTITY_TOO_LARGE);
  }

  @Test
  void shouldAnswerABugWithInternalFailureAndNoStackTrace() throws Exception {
    var answer = call("StopExecution", "{}");
    assertError(answer, 500, ErrorTypes.INTERNAL_FAILURE);
    assertThat(answer.response().body()).doesNotContain("IllegalStateException", "at dev.stepfold", "Expected a test");
    assertThat(answer.message()).contains(answer.response().headers().firstValue(AwsJsonServer.REQUEST_ID_HEADER).orElseThrow());
  }

  @Test
  void shouldAnswerServiceUnavailableWhileTheRuntimeIsNotReady() throws Exception {
    READY.set(false);
    try {
      assertError(call("ListStateMachines", "{}"), 503, ErrorTypes.SERVICE_UNAVAILABLE);
    } finally {
      READY.set(true);
    }
    assertThat(call("ListStateMachines", "{}").status()).isEqualTo(200);
  }
}
