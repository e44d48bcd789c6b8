package dev.stepfold.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also spoken by Apicurio Registry's ccompat API and Karapace):
 * {@code POST /subjects/{subject}/versions} and {@code GET /schemas/ids/{id}}. Answers are cached for the life of the
 * client: a subject's id for a schema and a schema for an id never change in a registry.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Registration(String subject, Schema schema) {}

  private final URI baseUri;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<Registration, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  /**
   * @param url the registry's base URL (the first one when several are given, comma-separated)
   * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, if the registry wants it
   */
  public RestSchemaRegistryClient(String url, Optional<String> basicAuthUserInfo, Duration timeout) {
    Objects.requireNonNull(url, "url");
    var first = url.split(",")[0].trim();
    this.baseUri = URI.create(first.endsWith("/") ? first : first + "/");
    this.authorization = basicAuthUserInfo.map(
        userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public RestSchemaRegistryClient(String url) {
    this(url, Optional.empty(), Duration.ofSeconds(10));
  }

  @Override
  public int register(String subject, Schema schema) {
    return ids.computeIfAbsent(new Registration(subject, schema), r -> {
      var body = MAPPER.createObjectNode().put("schema", schema.toString());
      var answer = send("POST", "subjects/" + encode(subject) + "/versions", body.toString());
      var id = answer.get("id");
      if (id == null || !id.canConvertToInt()) {
        throw new SchemaRegistryException(-1, "Expected the registry to answer with an id, but it answered " + answer);
      }
      schemas.putIfAbsent(id.intValue(), schema);
      return id.intValue();
    });
  }

  @Override
  public Schema schemaById(int id) {
    return schemas.computeIfAbsent(id, i -> {
      var answer = send("GET", "schemas/ids/" + i, null);
      var schemaType = answer.path("schemaType").asText("AVRO");
      if (!schemaType.equals("AVRO")) {
        throw new SchemaRegistryException(-1, "Expected schema " + i + " to be an Avro schema, but it is " + schemaType);
      }
      return new Schema.Parser().parse(answer.path("schema").asText());
    });
  }

  private JsonNode send(String method, String path, String body) {
    var request = HttpRequest.newBuilder(baseUri.resolve(path))
        .timeout(timeout)
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(method + " " + baseUri.resolve(path) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(method + " " + baseUri.resolve(path) + " was interrupted", e);
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException(-1, method + " " + path + " answered " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() / 100 != 2) {
      int errorCode = answer.path("error_code").asInt(-1);
      var message = method + " " + path + " answered " + response.statusCode() + ": " + answer.path("message").asText(answer.toString());
      throw new SchemaRegistryException(errorCode, isUnknownEndpoint(response.statusCode(), errorCode)
          ? message + " (" + baseUri + " does not serve the Confluent Schema Registry API; for Apicurio Registry the URL ends in /apis/ccompat/v7)"
          : message);
    }
    return answer;
  }

  /** A 404 without one of the API's own 404xx codes: the path is unknown, not the subject or schema. */
  private static boolean isUnknownEndpoint(int status, int errorCode) {
    return status == 404 && errorCode / 100 != 404;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
