package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.WorkerTask;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP task runner alone, against a loopback server: encodings, Basic authorization, parameters that make no request. */
class HttpInvokeRunnerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BASIC = "arn:aws:events:us-east-1:123456789012:connection/basic/1";

  private LoopbackEndpoint endpoint;
  private HttpInvokeRunner runner;

  @BeforeEach
  void start() throws Exception {
    endpoint = LoopbackEndpoint.start();
    endpoint.script("/form", LoopbackEndpoint.Answer.json(200, "{}"));
    runner = new HttpInvokeRunner(HttpClient.newHttpClient(),
        Map.of(BASIC, new HttpConnection("basic", BASIC, new HttpConnection.Basic("ann", "s3cret"))), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private TaskResult run(String parameters) throws Exception {
    return runner.run(new WorkerTask("token", "arn:aws:states:us-east-1:123456789012:execution:m:e", "Call", HttpInvokeRunner.RESOURCE,
        MAPPER.readTree(parameters), OptionalLong.empty(), OptionalLong.empty()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INDICES  | a%5B0%5D=x&a%5B1%5D=y&n=1",
      "REPEAT   | a=x&a=y&n=1",
      "COMMAS   | a=x%2Cy&n=1",
      "BRACKETS | a%5B%5D=x&a%5B%5D=y&n=1"})
  void shouldEncodeArraysAsTheArrayFormatSays(String arrayFormat, String body) throws Exception {
    var result = run("""
        {"ApiEndpoint": "%s", "Method": "POST", "RequestBody": {"a": ["x", "y"], "n": 1},
         "Transform": {"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "%s"}}}""".formatted(endpoint.url("/form"), arrayFormat));

    assertThat(result).isInstanceOf(TaskResult.Success.class);
    assertThat(endpoint.requests("/form").get(0).body()).isEqualTo(body);
  }

  @Test
  void shouldAuthorizeWithBasicCredentialsOfTheConnection() throws Exception {
    run("""
        {"ApiEndpoint": "%s", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}""".formatted(endpoint.url("/form"), BASIC));

    assertThat(endpoint.requests("/form").get(0).header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldFailWithStatesRuntimeWhenTheParametersMakeNoRequest() throws Exception {
    var url = endpoint.url("/form");
    assertRuntimeFailure("{\"Method\": \"GET\"}", "ApiEndpoint is missing");
    assertRuntimeFailure("{\"ApiEndpoint\": \"" + url + "\", \"Method\": \"FETCH\"}", "Method is 'FETCH'");
    assertRuntimeFailure("{\"ApiEndpoint\": \"ftp://example.com/x\", \"Method\": \"GET\"}", "not an http(s) URL");
    assertRuntimeFailure("{\"ApiEndpoint\": \"" + url + "\", \"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\": \"arn:aws:events:x\"}}",
        "is not configured");
    assertRuntimeFailure("{\"ApiEndpoint\": \"" + url + "\", \"Method\": \"POST\", \"RequestBody\": [1], \"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\"}}",
        "URL_ENCODED");
    assertThat(endpoint.requests("/form")).isEmpty();
  }

  private void assertRuntimeFailure(String parameters, String cause) throws Exception {
    var result = run(parameters);
    assertThat(result).isInstanceOfSatisfying(TaskResult.Failure.class, failure -> {
      assertThat(failure.error()).isEqualTo("States.Runtime");
      assertThat(failure.cause()).contains(cause);
    });
  }
}
