package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.local.MockConfig;
import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The task runners' settings, read and checked when the server starts: a setting that is wrong stops the start with an
 * {@link IllegalArgumentException} that names it.
 *
 * <pre>
 * stepfold.tasks.route.&lt;name&gt;.resource   a Task's Resource, exact or with * (optional when function is set)
 * stepfold.tasks.route.&lt;name&gt;.function   a Lambda function's name (or NAME:QUALIFIER), exact or with *
 * stepfold.tasks.route.&lt;name&gt;.runner     kafka | http | lambda | mock
 * stepfold.tasks.route.&lt;name&gt;.url        lambda: where the payload is POSTed
 * stepfold.tasks.route.&lt;name&gt;.response   mock: a mocked response of the mock configuration
 * stepfold.tasks.connection.&lt;name&gt;.*     the connections HTTP tasks name by Authentication.ConnectionArn ({@link HttpConnection})
 * stepfold.tasks.threads                 how many tasks run at once (4)
 * stepfold.tasks.http.timeout.max.seconds the longest an HTTP task's request may take (60, as AWS)
 * stepfold.tasks.lambda.timeout.max.seconds the longest a Lambda-style call may take (900, as Lambda)
 * stepfold.tasks.mock.config             a mock configuration file (or the SFN_MOCK_CONFIG variable)
 * </pre>
 */
record TaskRunnerSettings(List<TaskRoute> routes, Map<String, HttpConnection> connections, int threads, Duration httpTimeoutMax,
    Duration lambdaTimeoutMax, Optional<MockConfig> mockConfig, String groupId) {
  static final String PREFIX = "stepfold.tasks.";
  static final String ROUTE = PREFIX + "route.";
  static final String CONNECTION = PREFIX + "connection.";
  static final String THREADS = PREFIX + "threads";
  static final String HTTP_TIMEOUT_MAX = PREFIX + "http.timeout.max.seconds";
  static final String LAMBDA_TIMEOUT_MAX = PREFIX + "lambda.timeout.max.seconds";
  static final String MOCK_CONFIG = StepfoldConfig.TASKS_MOCK_CONFIG;
  private static final Set<String> ROUTE_FIELDS = Set.of("resource", "function", "runner", "url", "response");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  TaskRunnerSettings {
    routes = List.copyOf(routes);
    connections = Map.copyOf(connections);
  }

  static TaskRunnerSettings of(StepfoldConfig config) {
    var mockConfig = config.get(MOCK_CONFIG).map(TaskRunnerSettings::mockConfig);
    var routes = routes(config.startingWith(ROUTE), mockConfig);
    var connections = HttpConnection.all(config.startingWith(CONNECTION), CONNECTION);
    for (var key : config.startingWith(PREFIX).keySet()) {
      if (!key.startsWith(ROUTE) && !key.startsWith(CONNECTION) && !Set.of(THREADS, HTTP_TIMEOUT_MAX, LAMBDA_TIMEOUT_MAX, MOCK_CONFIG).contains(key)) {
        throw new IllegalArgumentException("Unknown setting " + key + "; the task runners' settings are " + THREADS + ", " + HTTP_TIMEOUT_MAX
            + ", " + LAMBDA_TIMEOUT_MAX + ", " + MOCK_CONFIG + ", " + ROUTE + "<name>.* and " + CONNECTION + "<name>.*");
      }
    }
    var groupId = config.get(StreamsConfig.APPLICATION_ID_CONFIG).orElse("stepfold") + ".task-runners";
    return new TaskRunnerSettings(routes, connections, positive(config, THREADS, 4), Duration.ofSeconds(positive(config, HTTP_TIMEOUT_MAX, 60)),
        Duration.ofSeconds(positive(config, LAMBDA_TIMEOUT_MAX, 900)), mockConfig, groupId);
  }

  /** Whether anything runs in the server: a route to a runner of its own, or a mock configuration. */
  boolean anyRunner() {
    return mockConfig.isPresent() || routes.stream().anyMatch(route -> route.runner() != RunnerKind.KAFKA);
  }

  /** The route of a task: the most specific that matches; empty for none (the task is for a Kafka worker). */
  Optional<TaskRoute> route(String resourceArn, JsonNode parameters) {
    return routes.stream().filter(route -> route.matches(resourceArn, parameters)).findFirst();
  }

  private static List<TaskRoute> routes(Map<String, String> settings, Optional<MockConfig> mockConfig) {
    var byName = new TreeMap<String, Map<String, String>>();
    settings.forEach((key, value) -> {
      var rest = key.substring(ROUTE.length());
      var dot = rest.indexOf('.');
      if (dot <= 0 || !ROUTE_FIELDS.contains(rest.substring(dot + 1))) {
        throw new IllegalArgumentException("Unknown setting " + key + "; a route is " + ROUTE + "<name>.resource, .function, .runner, .url "
            + "and .response");
      }
      byName.computeIfAbsent(rest.substring(0, dot), name -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value.trim());
    });
    var routes = new ArrayList<TaskRoute>();
    byName.forEach((name, fields) -> routes.add(route(name, fields, mockConfig)));
    routes.sort(TaskRoute.MOST_SPECIFIC_FIRST);
    var seen = new TreeSet<String>();
    for (var route : routes) {
      var matching = route.resource().map(ResourcePattern::text).orElse("*") + " " + route.function().map(ResourcePattern::text).orElse("");
      if (!seen.add(matching)) {
        throw new IllegalArgumentException("Expected each route to match other tasks, but " + ROUTE + route.name()
            + " matches the same tasks as another route (resource " + route.resource().map(ResourcePattern::text).orElse("any")
            + ", function " + route.function().map(ResourcePattern::text).orElse("any") + ")");
      }
    }
    return routes;
  }

  private static TaskRoute route(String name, Map<String, String> fields, Optional<MockConfig> mockConfig) {
    var key = ROUTE + name + ".";
    var runnerValue = Optional.ofNullable(fields.get("runner")).filter(value -> !value.isBlank())
        .orElseThrow(() -> new IllegalArgumentException("Expected " + key + "runner (kafka, http, lambda or mock), but it is not set"));
    var runner = RunnerKind.of(runnerValue).orElseThrow(() -> new IllegalArgumentException(
        "Expected " + key + "runner to be kafka, http, lambda or mock, but it is '" + runnerValue + "'"));
    var resource = text(fields, "resource").map(ResourcePattern::of);
    var function = text(fields, "function").map(ResourcePattern::of);
    var url = text(fields, "url");
    var response = text(fields, "response");
    if (resource.isEmpty() && function.isEmpty()) {
      throw new IllegalArgumentException("Expected " + key + "resource or " + key + "function to say which tasks the route takes, but neither is set");
    }
    requireAbsent(url, runner != RunnerKind.LAMBDA, key + "url", "only a lambda route has a URL");
    requireAbsent(response, runner != RunnerKind.MOCK, key + "response", "only a mock route has a response");
    switch (runner) {
      case HTTP -> {
        if (!resource.map(ResourcePattern::text).orElse("").equals(HttpInvokeRunner.RESOURCE) || function.isPresent()) {
          throw new IllegalArgumentException("Expected " + key + "resource to be " + HttpInvokeRunner.RESOURCE + " (and no function) for the http "
              + "runner, but it is " + resource.map(ResourcePattern::text).orElse("not set"));
        }
      }
      case LAMBDA -> {
        var lambdaLike = resource.map(ResourcePattern::text).map(text -> text.equals(LambdaCall.INVOKE) || text.matches("arn:[^:]*:lambda:.*"))
            .orElse(true);
        if (!lambdaLike) {
          throw new IllegalArgumentException("Expected " + key + "resource to be " + LambdaCall.INVOKE + " or a Lambda function ARN (arn:aws:lambda:...)"
              + " for the lambda runner, but it is " + resource.get().text());
        }
        var endpoint = url.orElseThrow(() -> new IllegalArgumentException("Expected " + key + "url, where the lambda runner POSTs the payload, "
            + "but it is not set"));
        return new TaskRoute(name, resource, function, runner, Optional.of(httpUri(endpoint, key + "url")), Optional.empty());
      }
      case MOCK -> {
        var responseName = response.orElseThrow(() -> new IllegalArgumentException("Expected " + key + "response, the mocked response the "
            + "route answers with, but it is not set"));
        var mocks = mockConfig.orElseThrow(() -> new IllegalArgumentException("Expected " + MOCK_CONFIG + " (or SFN_MOCK_CONFIG) for the mock "
            + "route " + key + "*, but no mock configuration is set"));
        if (!mocks.mockedResponses().containsKey(responseName)) {
          throw new IllegalArgumentException("Expected " + key + "response to name a mocked response of " + MOCK_CONFIG + ", but '" + responseName
              + "' is not one of " + mocks.mockedResponses().keySet());
        }
      }
      case KAFKA -> {
        // the default, named to keep some tasks off a broader route
      }
    }
    return new TaskRoute(name, resource, function, runner, Optional.empty(), response);
  }

  static URI httpUri(String value, String setting) {
    try {
      var uri = URI.create(value);
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Expected " + setting + " to be an http:// or https:// URL, but it is '" + value + "' (" + e.getMessage() + ")", e);
    }
  }

  private static Optional<String> text(Map<String, String> fields, String field) {
    return Optional.ofNullable(fields.get(field)).filter(value -> !value.isBlank());
  }

  private static void requireAbsent(Optional<String> value, boolean mustBeAbsent, String setting, String why) {
    if (mustBeAbsent && value.isPresent()) {
      throw new IllegalArgumentException("Unexpected setting " + setting + ": " + why);
    }
  }

  private static int positive(StepfoldConfig config, String key, int byDefault) {
    var value = config.get(key);
    if (value.isEmpty()) {
      return byDefault;
    }
    try {
      int number = Integer.parseInt(value.get().trim());
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new IllegalArgumentException("Expected " + key + " to be a whole number of at least 1, but it is '" + value.get() + "'");
  }

  private static MockConfig mockConfig(String file) {
    JsonNode json;
    try {
      json = MAPPER.readTree(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("Expected " + MOCK_CONFIG + " (or SFN_MOCK_CONFIG) to name a readable JSON file, but " + file + ": " + e.getMessage(), e);
    }
    try {
      return MockConfig.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(MOCK_CONFIG + " (" + file + "): " + e.getMessage(), e);
    }
  }
}
