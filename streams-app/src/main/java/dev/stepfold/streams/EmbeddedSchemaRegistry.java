package dev.stepfold.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepfold.schemas.serde.InMemorySchemaRegistry;
import dev.stepfold.schemas.serde.SchemaRegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory schema registry that speaks the subset of the Confluent Schema Registry REST API that serdes use, for
 * embedded mode and tests: {@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}} (lookup),
 * {@code GET /subjects}, {@code GET /subjects/{subject}/versions}, {@code GET /subjects/{subject}/versions/{version}}
 * ({@code latest} too) and its {@code /schema}, {@code GET /schemas/ids/{id}}, {@code GET /config}. Avro schemas only;
 * compatibility is not checked ({@code /config} says {@code NONE}). Registrations are kept in memory and, when a journal
 * file is given, appended to it as JSON lines and replayed in order on start, so ids stay what they were across
 * restarts (records on a kept broker name their schema by id).
 *
 * <p>It runs on the JDK's own HTTP server ({@code com.sun.net.httpserver}, a supported JDK API): a handful of small
 * JSON endpoints need no more, and a framework would add Jetty and the Kotlin standard library to the runtime.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final InMemorySchemaRegistry registry;
  private final Optional<Path> journal;
  private final HttpServer server;
  private final ExecutorService executor;

  private EmbeddedSchemaRegistry(InMemorySchemaRegistry registry, Optional<Path> journal, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.journal = journal;
    this.server = server;
    this.executor = executor;
  }

  /** Starts a registry listening on {@code port} of the loopback address, in memory only; port 0 picks a free one. */
  public static EmbeddedSchemaRegistry start(int port) throws IOException {
    return start(port, Optional.empty());
  }

  /** Starts a registry that replays and appends to {@code journal} (JSON lines of subject and schema). */
  public static EmbeddedSchemaRegistry start(int port, Optional<Path> journal) throws IOException {
    var schemas = new InMemorySchemaRegistry();
    if (journal.isPresent() && Files.exists(journal.get())) {
      for (var line : Files.readAllLines(journal.get(), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          var entry = MAPPER.readTree(line);
          schemas.register(entry.get("subject").textValue(), new Schema.Parser().parse(entry.get("schema").textValue()));
        }
      }
    }
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    var executor = Executors.newFixedThreadPool(2, runnable -> {
      var thread = new Thread(runnable, "stepfold-schema-registry");
      thread.setDaemon(true);
      return thread;
    });
    var registry = new EmbeddedSchemaRegistry(schemas, journal, server, executor);
    server.createContext("/", registry::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("Schema registry listening on {}", registry.url());
    return registry;
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** The registry itself, for in-process use without HTTP. */
  public InMemorySchemaRegistry registry() {
    return registry;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      Object body;
      try {
        body = route(exchange.getRequestMethod(), segments(exchange), exchange);
      } catch (SchemaRegistryException e) {
        status = e.httpStatus();
        body = error(e.errorCode(), e.getMessage());
      } catch (NotFound e) {
        status = 404;
        body = error(404, "HTTP 404 Not Found");
      } catch (RuntimeException e) {
        LOG.warn("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        status = 500;
        body = error(50001, "Error in the backend data store: " + e.getMessage());
      }
      var bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", body instanceof String ? "text/plain" : CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private Object route(String method, String[] path, HttpExchange exchange) throws IOException {
    if (path.length == 0 && method.equals("GET")) {
      return MAPPER.createObjectNode();
    }
    if (path.length == 1 && path[0].equals("config") && method.equals("GET")) {
      return MAPPER.createObjectNode().put("compatibilityLevel", "NONE");
    }
    if (path.length == 3 && path[0].equals("schemas") && path[1].equals("ids") && method.equals("GET")) {
      return MAPPER.createObjectNode().put("schema", registry.schemaById(number(path[2], 40403, "Schema")).toString());
    }
    if (path.length >= 1 && path[0].equals("subjects")) {
      if (path.length == 1 && method.equals("GET")) {
        return registry.subjects();
      }
      var subject = path[1];
      if (path.length == 2 && method.equals("POST")) {
        var schema = schemaOf(exchange);
        var version = registry.lookup(subject, schema)
            .orElseThrow(() -> new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
        return version(version);
      }
      if (path.length == 3 && path[2].equals("versions")) {
        if (method.equals("GET")) {
          return registry.versions(subject);
        }
        if (method.equals("POST")) {
          return MAPPER.createObjectNode().put("id", register(subject, schemaOf(exchange)));
        }
      }
      if ((path.length == 4 || path.length == 5 && path[4].equals("schema")) && path[2].equals("versions") && method.equals("GET")) {
        var number = path[3].equals("latest") || path[3].equals("-1") ? -1 : number(path[3], 42202, "Version");
        var version = registry.version(subject, number);
        return path.length == 5 ? version.schema().toString() : version(version);
      }
    }
    throw new NotFound();
  }

  /** Registers, journaling a registration that is new to the subject before answering. */
  private int register(String subject, Schema schema) throws IOException {
    synchronized (registry) {
      var known = registry.subjects().contains(subject) && registry.lookup(subject, schema).isPresent();
      int id = registry.register(subject, schema);
      if (!known && journal.isPresent()) {
        var line = MAPPER.createObjectNode().put("subject", subject).put("schema", schema.toString()) + "\n";
        Files.writeString(journal.get(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      return id;
    }
  }

  private static JsonNode version(InMemorySchemaRegistry.Version version) {
    return MAPPER.createObjectNode()
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().toString());
  }

  private static Schema schemaOf(HttpExchange exchange) throws IOException {
    JsonNode request;
    try {
      request = MAPPER.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      throw new SchemaRegistryException(50005, "Unrecognized request body: " + e.getMessage());
    }
    var type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: this registry holds Avro schemas only, not " + type);
    }
    if (!request.path("schema").isTextual()) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: 'schema' is missing");
    }
    try {
      return new Schema.Parser().parse(request.get("schema").textValue());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
    }
  }

  private static int number(String text, int errorCode, String what) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(errorCode, what + " " + text + " not found.");
    }
  }

  private static JsonNode error(int code, String message) {
    return MAPPER.createObjectNode().put("error_code", code).put("message", message);
  }

  private static String[] segments(HttpExchange exchange) {
    return Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toArray(String[]::new);
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
