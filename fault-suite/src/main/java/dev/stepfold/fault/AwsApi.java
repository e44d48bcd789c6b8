package dev.stepfold.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The AWS Step Functions API of one stepfold instance, as an SDK calls it (AWS JSON 1.0: {@code POST /},
 * {@code X-Amz-Target}, a JSON body), unsigned. An error answer is a {@link Refused} with its AWS error type; an
 * instance that does not answer an {@link IOException}.
 */
final class AwsApi {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An error answer: {@code {"__type": ..., "message": ...}}. */
  static final class Refused extends IOException {
    private final String errorType;

    Refused(String errorType, String message) {
      super(errorType + ": " + message);
      this.errorType = errorType;
    }

    String errorType() {
      return errorType;
    }
  }

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  AwsApi(String endpoint) {
    this.endpoint = URI.create(endpoint + "/");
  }

  String endpoint() {
    return endpoint.toString();
  }

  /** Calls {@code operation}, waiting up to {@code patience} for its answer (a GetActivityTask holds a poll up to 60 s). */
  JsonNode call(String operation, ObjectNode body, Duration patience) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(endpoint).timeout(patience)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "AWSStepFunctions." + operation)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    var answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      var type = answer.path("__type").asText("HTTP " + response.statusCode());
      throw new Refused(type.substring(type.indexOf('#') + 1), answer.path("message").asText(""));
    }
    return answer;
  }

  /** {@code GET /health/ready}: whether the instance answers 200, its topology RUNNING and its reader of replies running. */
  boolean ready() throws InterruptedException {
    var request = HttpRequest.newBuilder(endpoint.resolve("/health/ready")).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException unreachable) {
      return false;
    }
  }

  JsonNode call(String operation, ObjectNode body) throws IOException, InterruptedException {
    return call(operation, body, Duration.ofSeconds(30));
  }
}
