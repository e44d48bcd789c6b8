package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens of the connections with OAuth client credentials: asked for when first needed, kept until 30 s
 * before they expire ({@code expires_in}; 5 minutes when the token endpoint does not say), asked for again after.
 */
final class OAuthTokens {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final Duration UNSAID_LIFETIME = Duration.ofMinutes(5);

  private record Token(String value, Instant expires) {}

  private final HttpClient client;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  OAuthTokens(HttpClient client) {
    this.client = client;
  }

  /** A valid access token of the connection; an {@link IOException} says why none could be had. */
  String token(HttpConnection connection, HttpConnection.OAuthClientCredentials oauth, Duration timeout) throws IOException, InterruptedException {
    var cached = tokens.get(connection.arn());
    if (cached != null && Instant.now().isBefore(cached.expires())) {
      return cached.value();
    }
    var form = "grant_type=client_credentials" + oauth.scope().map(scope -> "&scope=" + FormEncoding.escape(scope)).orElse("");
    var basic = Base64.getEncoder().encodeToString((oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
    var request = HttpRequest.newBuilder(oauth.endpoint())
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    var response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the token endpoint " + oauth.endpoint() + " answered " + response.statusCode());
    }
    var json = MAPPER.readTree(response.body());
    if (!json.path("access_token").isTextual()) {
      throw new IOException("the token endpoint " + oauth.endpoint() + " answered no access_token");
    }
    var lifetime = json.path("expires_in").canConvertToLong() ? Duration.ofSeconds(json.get("expires_in").asLong()) : UNSAID_LIFETIME;
    var token = new Token(json.get("access_token").textValue(), Instant.now().plus(lifetime).minus(MARGIN));
    tokens.put(connection.arn(), token);
    return token.value();
  }
}
