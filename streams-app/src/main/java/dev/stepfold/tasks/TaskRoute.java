package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code stepfold.tasks.route.<name>.*} setting: the tasks it matches — by {@code Resource} (exact, or a pattern
 * with {@code *}), by the Lambda function's name, or both — and the runner that does their work.
 *
 * @param url where a {@link RunnerKind#LAMBDA} route POSTs the payload
 * @param response the mocked response (of the mock configuration) a {@link RunnerKind#MOCK} route answers with
 */
record TaskRoute(String name, Optional<ResourcePattern> resource, Optional<ResourcePattern> function, RunnerKind runner,
    Optional<URI> url, Optional<String> response) {
  /** Most specific first: a route naming a function, then the one with more literal characters in its resource, then in its function. */
  static final Comparator<TaskRoute> MOST_SPECIFIC_FIRST = Comparator
      .comparing((TaskRoute route) -> route.function().isEmpty())
      .thenComparing(route -> -route.resource().map(ResourcePattern::literalCharacters).orElse(0))
      .thenComparing(route -> -route.function().map(ResourcePattern::literalCharacters).orElse(0))
      .thenComparing(TaskRoute::name);

  TaskRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(response, "response");
  }

  boolean matches(String resourceArn, JsonNode parameters) {
    if (resource.isPresent() && !resource.get().matches(resourceArn)) {
      return false;
    }
    if (function.isPresent()) {
      var call = LambdaCall.of(resourceArn, parameters);
      return call.isPresent() && (function.get().matches(call.get().name())
          || call.get().qualifier().filter(qualifier -> function.get().matches(call.get().name() + ":" + qualifier)).isPresent());
    }
    return true;
  }
}
