package dev.stepfold.tasks;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A connection an HTTP task names by {@code Authentication.ConnectionArn}, as an EventBridge connection on AWS: its
 * authorization, defined in the settings ({@code stepfold.tasks.connection.<name>.*}) rather than in EventBridge.
 *
 * <pre>
 * .arn                 the ConnectionArn the definitions name (required)
 * .auth                API_KEY | BASIC | OAUTH_CLIENT_CREDENTIALS (EventBridge's authorization types)
 * .api.key.name, .api.key.value                  API_KEY: the header sent, and its value
 * .username, .password                           BASIC
 * .oauth.endpoint, .oauth.client.id, .oauth.client.secret, .oauth.scope (optional)   OAUTH_CLIENT_CREDENTIALS
 * </pre>
 */
record HttpConnection(String name, String arn, Authorization authorization) {
  HttpConnection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(authorization, "authorization");
  }

  /** How a connection authorizes its requests. */
  sealed interface Authorization permits ApiKey, Basic, OAuthClientCredentials {}

  /** An API key sent in the header {@code name}. */
  record ApiKey(String name, String value) implements Authorization {}

  /** HTTP Basic authentication. */
  record Basic(String username, String password) implements Authorization {}

  /**
   * OAuth 2.0 client credentials: a token asked of {@code endpoint} (a form POST with {@code grant_type=client_credentials},
   * the client's id and secret in a Basic authorization header), sent as {@code Authorization: Bearer <token>}.
   */
  record OAuthClientCredentials(URI endpoint, String clientId, String clientSecret, Optional<String> scope) implements Authorization {}

  private static final Set<String> FIELDS = Set.of("arn", "auth", "api.key.name", "api.key.value", "username", "password", "oauth.endpoint",
      "oauth.client.id", "oauth.client.secret", "oauth.scope");

  /** The connections of the settings under {@code prefix}, by their ConnectionArn. */
  static Map<String, HttpConnection> all(Map<String, String> settings, String prefix) {
    var byName = new TreeMap<String, Map<String, String>>();
    settings.forEach((key, value) -> {
      var rest = key.substring(prefix.length());
      var dot = rest.indexOf('.');
      if (dot <= 0 || !FIELDS.contains(rest.substring(dot + 1))) {
        throw new IllegalArgumentException("Unknown setting " + key + "; a connection's settings are " + prefix + "<name>." + String.join(", .", FIELDS.stream().sorted().toList()));
      }
      byName.computeIfAbsent(rest.substring(0, dot), name -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value.trim());
    });
    var byArn = new LinkedHashMap<String, HttpConnection>();
    byName.forEach((name, fields) -> {
      var connection = of(name, fields, prefix + name + ".");
      if (byArn.put(connection.arn(), connection) != null) {
        throw new IllegalArgumentException("Expected " + prefix + name + ".arn to name one connection only, but another has " + connection.arn());
      }
    });
    return byArn;
  }

  private static HttpConnection of(String name, Map<String, String> fields, String key) {
    var arn = required(fields, "arn", key);
    var auth = required(fields, "auth", key);
    Authorization authorization = switch (auth) {
      case "API_KEY" -> new ApiKey(required(fields, "api.key.name", key), required(fields, "api.key.value", key));
      case "BASIC" -> new Basic(required(fields, "username", key), required(fields, "password", key));
      case "OAUTH_CLIENT_CREDENTIALS" -> new OAuthClientCredentials(
          TaskRunnerSettings.httpUri(required(fields, "oauth.endpoint", key), key + "oauth.endpoint"),
          required(fields, "oauth.client.id", key), required(fields, "oauth.client.secret", key),
          Optional.ofNullable(fields.get("oauth.scope")).filter(scope -> !scope.isBlank()));
      default -> throw new IllegalArgumentException("Expected " + key + "auth to be API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS, but it is '" + auth + "'");
    };
    return new HttpConnection(name, arn, authorization);
  }

  private static String required(Map<String, String> fields, String field, String key) {
    var value = fields.get(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Expected " + key + field + " to be set, but it is not");
    }
    return value;
  }

  @Override
  public String toString() {
    return "HttpConnection[" + name + ", " + arn + ", " + authorization.getClass().getSimpleName() + "]";   // no secrets in logs
  }
}
