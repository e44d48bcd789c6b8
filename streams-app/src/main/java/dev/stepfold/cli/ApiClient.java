package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AWS JSON 1.0 API of a running stepfold, as plain HTTP: {@code POST /} with {@code X-Amz-Target} and the request
 * as a JSON object; the answer's JSON, or an {@link ApiRefusal} for an error answer, or {@link ApiUnreachable}.
 * With credentials, requests are signed (SigV4, as the AWS SDKs sign them), which a server that verifies signatures
 * requires; one that does not ignores the signature.
 */
final class ApiClient {
  static final String AWS = "AWSStepFunctions.";
  static final String STEPFOLD = "Stepfold.";

  private final URI endpoint;
  private final Duration patience;
  private final Optional<SigV4Signer> signer;
  private final HttpClient http;

  ApiClient(URI endpoint, Duration patience, Optional<SigV4Signer> signer) {
    this.endpoint = endpoint;
    this.patience = patience;
    this.signer = signer;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  URI endpoint() {
    return endpoint;
  }

  /** {@code AWSStepFunctions.<operation>}. */
  JsonNode aws(String operation, ObjectNode request) {
    return call(AWS + operation, request);
  }

  /** {@code Stepfold.<operation>}. */
  JsonNode stepfold(String operation, ObjectNode request) {
    return call(STEPFOLD + operation, request);
  }

  JsonNode call(String target, ObjectNode request) {
    HttpResponse<String> response;
    try {
      var body = CliJson.MAPPER.writeValueAsBytes(request);
      var headers = Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", target);
      var builder = HttpRequest.newBuilder(endpoint).timeout(patience).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(builder::header);
      signer.ifPresent(sigV4 -> sigV4.sign(endpoint, headers, body, Instant.now()).forEach(builder::header));
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ApiUnreachable("no answer from " + endpoint + " within " + patience.toSeconds() + "s", e);
    } catch (IOException e) {
      throw new ApiUnreachable("cannot reach stepfold at " + endpoint + " (" + describe(e) + "); is it running there? (--endpoint)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnreachable("interrupted while waiting for " + endpoint, e);
    }
    JsonNode body;
    try {
      body = response.body().isBlank() ? CliJson.MAPPER.createObjectNode() : CliJson.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new ApiUnreachable(endpoint + " answered HTTP " + response.statusCode() + " with something other than JSON: is it stepfold?", e);
    }
    if (response.statusCode() / 100 != 2) {
      var type = body.path("__type").asText(response.headers().firstValue("x-amzn-ErrorType").orElse("HTTP" + response.statusCode()));
      // AWS JSON may qualify the type (namespace#Name); scripts get the bare name
      throw new ApiRefusal(type.substring(type.indexOf('#') + 1), body.path("message").asText(""), response.statusCode());
    }
    return body;
  }

  /**
   * Every page of a listing operation, in order: the operation is called again with the {@code nextToken} of each
   * answer until none comes; {@code page} sees each item of {@code member}.
   */
  void everyPage(String operation, ObjectNode request, String member, Consumer<JsonNode> page) {
    var next = request.deepCopy();
    while (true) {
      var answer = aws(operation, next);
      answer.path(member).forEach(page);
      if (!answer.hasNonNull("nextToken")) {
        return;
      }
      next.put("nextToken", answer.get("nextToken").asText());
    }
  }

  /** Every item of every page, collected. */
  List<JsonNode> all(String operation, ObjectNode request, String member) {
    var items = new ArrayList<JsonNode>();
    everyPage(operation, request, member, items::add);
    return items;
  }

  private static String describe(IOException e) {
    var message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return e instanceof java.net.ConnectException && (e.getMessage() == null || e.getMessage().isBlank()) ? "connection refused" : message;
  }
}
