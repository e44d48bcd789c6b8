package dev.stepfold.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Calls of the AWS Step Functions API as the SDKs put them on the wire (AWS JSON 1.0: {@code POST /},
 * {@code X-Amz-Target}, a JSON body), unsigned, from a fixed number of caller threads: as many calls in flight as
 * there are callers, and a caller that would exceed that waits.
 */
final class AwsJsonClient implements AutoCloseable {
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http;
  private final ExecutorService callers;
  private final AtomicLong refusals = new AtomicLong();

  AwsJsonClient(URI endpoint, int callers, String name) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    var threads = new AtomicLong();
    this.callers = new ThreadPoolExecutor(callers, callers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(callers), runnable -> {
      var thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** The request of {@code operation} with {@code body}, as it goes out. */
  HttpRequest request(String operation, ObjectNode body) {
    return HttpRequest.newBuilder(endpoint.resolve("/"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", CONTENT_TYPE)
        .header("X-Amz-Target", "AWSStepFunctions." + operation)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  /** Calls {@code operation} and waits for the answer; throws unless it is a 200. */
  String call(String operation, ObjectNode body) throws IOException, InterruptedException {
    var answer = http.send(request(operation, body), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("Expected " + operation + " to answer 200, but it answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }

  /** Calls {@code operation} on a caller thread; {@code refused} gets the answer of a call that did not succeed. */
  void submit(String operation, ObjectNode body, Consumer<String> refused) {
    callers.execute(() -> {
      try {
        call(operation, body);
      } catch (IOException e) {
        if (refusals.incrementAndGet() <= 5) {
          System.err.println(e.getMessage());
        }
        refused.accept(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** How many calls did not succeed. */
  long refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    callers.shutdown();
    try {
      callers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
