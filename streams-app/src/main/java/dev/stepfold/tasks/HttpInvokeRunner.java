package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.WorkerTask;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP task ({@code arn:aws:states:::http:invoke}) done by stepfold: the request its parameters describe
 * ({@code ApiEndpoint}, {@code Method}, {@code Headers}, {@code QueryParameters}, {@code RequestBody}, {@code Transform}),
 * authorized by the connection {@code Authentication.ConnectionArn} names, sent with java.net.http. A 2XX answer is the
 * result {@code {"Headers", "ResponseBody", "StatusCode", "StatusText"}}; any other fails the task with
 * {@code States.Http.StatusCode.<code>} and that result, as JSON text, as its cause. A request that does not answer
 * within the task's {@code TimeoutSeconds} (at most {@code stepfold.tasks.http.timeout.max.seconds}, 60 s as on AWS)
 * fails with {@code States.Timeout}; one that reaches no server with {@code States.Http.Socket}; parameters that make no
 * request, or a connection that is not configured, with {@code States.Runtime}.
 */
final class HttpInvokeRunner {
  static final String RESOURCE = "arn:aws:states:::http:invoke";
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

  private final HttpClient client;
  private final Map<String, HttpConnection> connections;
  private final OAuthTokens tokens;
  private final Duration timeoutMax;

  HttpInvokeRunner(HttpClient client, Map<String, HttpConnection> connections, Duration timeoutMax) {
    this.client = client;
    this.connections = connections;
    this.tokens = new OAuthTokens(client);
    this.timeoutMax = timeoutMax;
  }

  TaskResult run(WorkerTask task) throws InterruptedException {
    var timeout = task.timeoutSeconds().isPresent() && task.timeoutSeconds().getAsLong() < timeoutMax.toSeconds()
        ? Duration.ofSeconds(task.timeoutSeconds().getAsLong()) : timeoutMax;
    HttpRequest request;
    try {
      request = request(task.input(), timeout);
    } catch (IllegalArgumentException badParameters) {
      return TaskFailures.runtime("The HTTP task's parameters make no request: " + badParameters.getMessage());
    } catch (IOException noToken) {
      return TaskFailures.runtime("The connection's OAuth token could not be had: " + noToken.getMessage());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException unreachable) {
      return TaskResult.failure(TaskFailures.HTTP_SOCKET, "Could not connect to " + request.uri() + ": " + describe(unreachable));
    } catch (HttpTimeoutException slow) {
      return TaskFailures.timedOut(timeout);
    } catch (IOException broken) {
      return TaskResult.failure(TaskFailures.HTTP_SOCKET, "The request to " + request.uri() + " failed: " + describe(broken));
    }
    var contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    var result = HttpResults.MAPPER.createObjectNode();
    result.set("Headers", HttpResults.headerLists(response.headers()));
    result.set("ResponseBody", HttpResults.body(response.body(), contentType.contains("json")));
    result.put("StatusCode", response.statusCode());
    result.put("StatusText", StatusTexts.of(response.statusCode()));
    if (response.statusCode() / 100 == 2) {
      return TaskResult.success(result);
    }
    return TaskResult.failure(TaskFailures.HTTP_STATUS_PREFIX + response.statusCode(), HttpResults.text(result));
  }

  private HttpRequest request(JsonNode parameters, Duration timeout) throws IOException, InterruptedException {
    var endpoint = text(parameters, "ApiEndpoint");
    var method = text(parameters, "Method").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("Method is '" + method + "', not one of " + METHODS);
    }
    var query = new ArrayList<String>();
    var queryParameters = parameters.path("QueryParameters");
    if (!queryParameters.isMissingNode() && !queryParameters.isNull()) {
      if (!queryParameters.isObject()) {
        throw new IllegalArgumentException("QueryParameters is not an object");
      }
      query.add(FormEncoding.encode(queryParameters, FormEncoding.ArrayFormat.REPEAT));
    }
    var builder = HttpRequest.newBuilder(uri(endpoint, query)).timeout(timeout);
    var headers = parameters.path("Headers");
    boolean contentType = false;
    if (headers.isObject()) {
      var names = headers.fieldNames();
      while (names.hasNext()) {
        var name = names.next();
        var value = headers.get(name);
        builder.header(name, value.isArray() ? String.join(",", textsOf(value)) : FormEncoding.scalar(value));
        contentType |= name.equalsIgnoreCase("Content-Type");
      }
    } else if (!headers.isMissingNode() && !headers.isNull()) {
      throw new IllegalArgumentException("Headers is not an object");
    }
    var body = parameters.path("RequestBody");
    var transform = parameters.path("Transform");
    boolean urlEncoded = transform.path("RequestBodyEncoding").asText("NONE").equalsIgnoreCase("URL_ENCODED");
    if (!transform.path("RequestBodyEncoding").isMissingNode() && !urlEncoded
        && !transform.path("RequestBodyEncoding").asText().equalsIgnoreCase("NONE")) {
      throw new IllegalArgumentException("Transform.RequestBodyEncoding is '" + transform.path("RequestBodyEncoding").asText() + "', not NONE or URL_ENCODED");
    }
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    if (!body.isMissingNode()) {
      String text;
      if (urlEncoded) {
        if (!body.isObject()) {
          throw new IllegalArgumentException("RequestBody is not an object, which URL_ENCODED needs");
        }
        var arrayFormat = FormEncoding.arrayFormat(transform.path("RequestEncodingOptions").path("ArrayFormat").asText("INDICES"));
        text = FormEncoding.encode(body, arrayFormat);
        if (!contentType) {
          builder.header("Content-Type", "application/x-www-form-urlencoded");
        }
      } else {
        text = body.isTextual() ? body.textValue() : HttpResults.text(body);
        if (!contentType) {
          builder.header("Content-Type", "application/json; charset=UTF-8");
        }
      }
      publisher = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }
    builder.method(method, publisher);
    authorize(builder, parameters.path("Authentication").path("ConnectionArn"), timeout);
    return builder.build();
  }

  private void authorize(HttpRequest.Builder builder, JsonNode connectionArn, Duration timeout) throws IOException, InterruptedException {
    if (connectionArn.isMissingNode() || connectionArn.isNull()) {
      return;   // a request without authorization (AWS requires a connection; stepfold lets a local endpoint go without)
    }
    var connection = connections.get(connectionArn.asText());
    if (connection == null) {
      throw new IllegalArgumentException("the connection " + connectionArn.asText() + " is not configured (stepfold.tasks.connection.<name>.arn)");
    }
    var authorization = connection.authorization();
    if (authorization instanceof HttpConnection.ApiKey apiKey) {
      builder.setHeader(apiKey.name(), apiKey.value());
    } else if (authorization instanceof HttpConnection.Basic basic) {
      var credentials = Base64.getEncoder().encodeToString((basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
      builder.setHeader("Authorization", "Basic " + credentials);
    } else if (authorization instanceof HttpConnection.OAuthClientCredentials oauth) {
      builder.setHeader("Authorization", "Bearer " + tokens.token(connection, oauth, timeout));
    }
  }

  private static URI uri(String endpoint, List<String> query) {
    try {
      var uri = new URI(endpoint);
      if (uri.getHost() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("ApiEndpoint '" + endpoint + "' is not an http(s) URL with a host");
      }
      var extra = String.join("&", query.stream().filter(part -> !part.isEmpty()).toList());
      if (extra.isEmpty()) {
        return uri;
      }
      return URI.create(endpoint + (uri.getRawQuery() == null ? "?" : "&") + extra);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("ApiEndpoint '" + endpoint + "' is not a URL: " + e.getMessage());
    }
  }

  private static String text(JsonNode parameters, String field) {
    var value = parameters.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new IllegalArgumentException(field + " is " + (value.isMissingNode() ? "missing" : "not a string"));
    }
    return value.textValue();
  }

  private static List<String> textsOf(JsonNode array) {
    var texts = new ArrayList<String>();
    array.forEach(item -> texts.add(FormEncoding.scalar(item)));
    return texts;
  }

  static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
