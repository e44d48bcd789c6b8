package dev.stepfold.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.redrive.RedrivePlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The reads of another instance, over its internal read endpoint ({@link ReadServer}). Its AWS errors come back as
 * {@link ReadFailure}s; an instance that does not answer, or cannot read its stores now, is a {@link StoreUnavailable}.
 */
final class RemoteReads implements InstanceReads {
  private final HttpClient http;
  private final HostInfo host;
  private final Duration timeout;

  RemoteReads(HttpClient http, HostInfo host, Duration timeout) {
    this.http = http;
    this.host = host;
    this.timeout = timeout;
  }

  @Override
  public ExecutionDescription describe(ExecutionArn executionArn) {
    return call(ReadServer.DESCRIBE, new ReadServer.ExecutionRequest(executionArn), ExecutionDescription.class);
  }

  @Override
  public HistoryStore.StoredPage history(HistoryRequest request) {
    return call(ReadServer.HISTORY, request, HistoryStore.StoredPage.class);
  }

  @Override
  public RedrivePlan redrivePlan(ExecutionArn executionArn, RedrivePlanFix fix) {
    return call(ReadServer.REDRIVE_PLAN, new ReadServer.RedrivePlanRequest(executionArn, fix), RedrivePlan.class);
  }

  @Override
  public Listing list(ListRequest request) {
    return call(ReadServer.LIST, request, Listing.class);
  }

  @Override
  public MapRunDescription describeMapRun(MapRunArn mapRunArn) {
    return call(ReadServer.MAP_RUN, new ReadServer.MapRunRequest(mapRunArn.value()), MapRunDescription.class);
  }

  @Override
  public Summaries summaries(SummariesRequest request) {
    return call(ReadServer.SUMMARIES, request, Summaries.class);
  }

  private <T> T call(String read, Object body, Class<T> answer) {
    var uri = URI.create("http://" + host.host() + ":" + host.port() + ReadServer.PATH + read);
    HttpResponse<byte[]> response;
    try {
      var request = HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(ReadJson.MAPPER.writeValueAsBytes(body)))
          .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new StoreUnavailable("The instance at " + host + " did not answer " + read + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailable("Interrupted while asking " + host + " for " + read, e);
    }
    try {
      if (response.statusCode() == 200) {
        return ReadJson.MAPPER.readValue(response.body(), answer);
      }
      JsonNode error = ReadJson.MAPPER.readTree(response.body());
      var type = error.path("__type").asText(ExecutionProcessor.INTERNAL_FAILURE);
      var message = error.path("message").asText("");
      if (response.statusCode() == 503) {
        throw new StoreUnavailable("The instance at " + host + " cannot answer " + read + " now: " + message);
      }
      throw new ReadFailure(type, message);
    } catch (IOException e) {
      throw new ReadFailure(ExecutionProcessor.INTERNAL_FAILURE, "Expected " + answer.getSimpleName() + " from " + uri + " (status " + response.statusCode()
          + "), but " + e.getMessage());
    }
  }
}
