package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.WorkerTask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A Lambda function played by an HTTP endpoint: the function's event is POSTed to the route's URL (JSON, with the
 * function's name in {@code X-Stepfold-Function-Name} and its qualifier, when named, in
 * {@code X-Stepfold-Function-Qualifier}), and the answer is what the function returned.
 *
 * <p>The endpoint answers as Lambda's Invoke does: 2XX with the function's result as the body; a function error as a
 * response with the header {@code X-Amz-Function-Error} (any value, e.g. {@code Unhandled}) and a body
 * {@code {"errorType": ..., "errorMessage": ...}}, which fails the task with {@code errorType} as the error (the header's
 * value when the body has none) and the body as the cause — so {@code Retry} and {@code Catch} match it as on AWS.
 * An endpoint that fails otherwise fails the task as the Lambda service would: 404 {@code Lambda.ResourceNotFoundException},
 * 429 {@code Lambda.TooManyRequestsException}, other 4XX {@code Lambda.AWSLambdaException}, 5XX
 * {@code Lambda.ServiceException}; one that cannot be reached {@code Lambda.SdkClientException}; one that does not
 * answer within the task's {@code TimeoutSeconds} (at most {@code stepfold.tasks.lambda.timeout.max.seconds})
 * {@code States.Timeout}.
 *
 * <p>A function ARN as the {@code Resource} gets its input as the event and returns the function's result; with
 * {@code arn:aws:states:::lambda:invoke} the event is the {@code Payload} parameter (a string is sent as it is), and the
 * result is the integration's: {@code {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}}.
 */
final class LambdaEndpointRunner {
  static final String FUNCTION_ERROR_HEADER = "X-Amz-Function-Error";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final HttpClient client;
  private final Duration timeoutMax;

  LambdaEndpointRunner(HttpClient client, Duration timeoutMax) {
    this.client = client;
    this.timeoutMax = timeoutMax;
  }

  TaskResult run(WorkerTask task, URI url) throws InterruptedException {
    var call = LambdaCall.of(task.resourceArn(), task.input())
        .orElseThrow(() -> new IllegalStateException("Expected a Lambda task on a lambda route, but got " + task.resourceArn()));
    var timeout = task.timeoutSeconds().isPresent() && task.timeoutSeconds().getAsLong() < timeoutMax.toSeconds()
        ? Duration.ofSeconds(task.timeoutSeconds().getAsLong()) : timeoutMax;
    var event = call.invoke() ? task.input().path("Payload") : task.input();
    var body = event.isMissingNode() ? "{}" : event.isTextual() ? event.textValue() : HttpResults.text(event);
    var request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("X-Stepfold-Function-Name", call.name());
    call.qualifier().ifPresent(qualifier -> request.header("X-Stepfold-Function-Qualifier", qualifier));
    HttpResponse<String> response;
    try {
      response = client.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException slow) {
      return slow instanceof java.net.http.HttpConnectTimeoutException
          ? TaskResult.failure("Lambda.SdkClientException", "Could not connect to " + url + ": " + HttpInvokeRunner.describe(slow))
          : TaskFailures.timedOut(timeout);
    } catch (IOException unreachable) {
      return TaskResult.failure("Lambda.SdkClientException", "Could not call " + url + ": " + HttpInvokeRunner.describe(unreachable));
    }
    var functionError = response.headers().firstValue(FUNCTION_ERROR_HEADER);
    if (functionError.isPresent()) {
      var answer = HttpResults.body(response.body(), true);
      var error = answer.path("errorType").isTextual() ? answer.get("errorType").textValue() : functionError.get();
      return TaskResult.failure(error, response.body());
    }
    if (response.statusCode() / 100 != 2) {
      return TaskResult.failure(serviceError(response.statusCode()), "The endpoint " + url + " answered " + response.statusCode() + " "
          + StatusTexts.of(response.statusCode()) + ": " + response.body());
    }
    var returned = response.body().isBlank() ? HttpResults.MAPPER.nullNode() : HttpResults.body(response.body(), true);
    if (!call.invoke()) {
      return TaskResult.success(returned);
    }
    return TaskResult.success(invokeResult(call, returned, response.body().getBytes(StandardCharsets.UTF_8).length));
  }

  /** {@code lambda:invoke}'s result, with the headers Lambda answers with, as AWS records it. */
  private static ObjectNode invokeResult(LambdaCall call, JsonNode payload, int length) {
    var version = call.qualifier().orElse("$LATEST");
    var requestId = UUID.randomUUID().toString();
    var date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    var result = HttpResults.MAPPER.createObjectNode();
    result.put("ExecutedVersion", version);
    result.set("Payload", payload);
    var metadata = result.putObject("SdkHttpMetadata");
    var all = metadata.putObject("AllHttpHeaders");
    var single = metadata.putObject("HttpHeaders");
    for (var header : new String[][] {{"X-Amz-Executed-Version", version}, {"x-amzn-Remapped-Content-Length", "0"}, {"Connection", "keep-alive"},
        {"x-amzn-RequestId", requestId}, {"Content-Length", Integer.toString(length)}, {"Date", date}, {"Content-Type", "application/json"}}) {
      all.putArray(header[0]).add(header[1]);
      single.put(header[0], header[1]);
    }
    metadata.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    result.put("StatusCode", 200);
    return result;
  }

  private static String serviceError(int statusCode) {
    if (statusCode == 404) {
      return "Lambda.ResourceNotFoundException";
    }
    if (statusCode == 429) {
      return "Lambda.TooManyRequestsException";
    }
    return statusCode / 100 == 4 ? "Lambda.AWSLambdaException" : "Lambda.ServiceException";
  }
}
