package dev.stepfold.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.0 endpoint: {@code POST} on any path (clients with an endpoint path send it), any {@code Host}
 * ({@code sync-} prefixed or not), the operation named by {@code X-Amz-Target}. It reads the body (up to a limit:
 * {@code RequestEntityTooLargeException}), checks the signature ({@link SigV4Verifier}), the content type and the
 * target ({@link Operations}), answers {@code ServiceUnavailable} while the runtime is not ready, and calls the
 * operation with the body's members. Every answer carries {@code x-amzn-RequestId}; an error is
 * {@code {"__type": <name>, "message": ...}} with {@code x-amzn-ErrorType} of the same bare name. A bug is logged and
 * answered {@code InternalFailure}, with no stack trace.
 *
 * <p>{@code GET} serves the console: its files under {@link #CONSOLE_PATH} (when the jar has them), and a redirect
 * there from {@code /}; and the routes given beside the API (metrics and health, {@link OperatorEndpoints}).
 */
public final class AwsJsonServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonServer.class);
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final List<String> ACCEPTED_CONTENT_TYPES = List.of(CONTENT_TYPE, "application/x-amz-json-1.1");
  public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
  public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  /** Where the console is served (the stepfold-console module's files); a browser's {@code GET /} is sent there. */
  public static final String CONSOLE_PATH = "/console";
  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private final Javalin app;
  private final Operations operations;
  private final SigV4Verifier verifier;
  private final BooleanSupplier ready;
  private final int maxBodyBytes;

  private AwsJsonServer(Javalin app, Operations operations, SigV4Verifier verifier, BooleanSupplier ready, int maxBodyBytes) {
    this.app = app;
    this.operations = operations;
    this.verifier = verifier;
    this.ready = ready;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Listens on {@code host} and {@code port} (0 for any free port). */
  public static AwsJsonServer start(String host, int port, int threads, int maxBodyBytes, Operations operations, SigV4Verifier verifier,
      BooleanSupplier ready) {
    return start(host, port, threads, maxBodyBytes, operations, verifier, ready, app -> {});
  }

  /** The same, with {@code routes} beside the API: the {@code GET} endpoints for operators ({@link OperatorEndpoints}). */
  static AwsJsonServer start(String host, int port, int threads, int maxBodyBytes, Operations operations, SigV4Verifier verifier,
      BooleanSupplier ready, Consumer<Javalin> routes) {
    var app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.jetty.threadPool = new QueuedThreadPool(threads, Math.min(4, threads));
      if (AwsJsonServer.class.getResource(CONSOLE_PATH + "/index.html") != null) {
        config.staticFiles.add(files -> {
          files.hostedPath = CONSOLE_PATH;
          files.directory = CONSOLE_PATH;
          files.location = Location.CLASSPATH;
        });
      }
    });
    var server = new AwsJsonServer(app, operations, verifier, ready, maxBodyBytes);
    app.post("/", server::handle);
    app.post("/<path>", server::handle);
    app.get("/", ctx -> ctx.redirect(CONSOLE_PATH + "/"));
    app.get(CONSOLE_PATH, AwsJsonServer::consoleIndex);
    routes.accept(app);
    app.start(host, port);
    return server;
  }

  /** {@code /console/} is the console's {@code index.html} (the static files serve the rest); {@code /console} is sent there. */
  private static void consoleIndex(Context ctx) {
    if (!ctx.req().getRequestURI().endsWith("/")) {
      ctx.redirect(CONSOLE_PATH + "/");
      return;
    }
    var index = AwsJsonServer.class.getResourceAsStream(CONSOLE_PATH + "/index.html");
    if (index == null) {
      ctx.status(404).result("This build of stepfold has no console: build it with the console module (npm)");
      return;
    }
    ctx.contentType("text/html; charset=utf-8").result(index);
  }

  /** The port listened on. */
  public int port() {
    return app.port();
  }

  private void handle(Context ctx) {
    var requestId = UUID.randomUUID().toString();
    ctx.header(REQUEST_ID_HEADER, requestId);
    String target = null;
    try {
      var body = readBody(ctx);
      verifier.verify(signedRequest(ctx, body));
      checkContentType(ctx.header("Content-Type"));
      target = ctx.header("X-Amz-Target");
      var operation = operations.find(Optional.ofNullable(target).map(String::trim));
      if (!ready.getAsBoolean()) {
        throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "stepfold is starting or rebalancing; try again");
      }
      var output = operation.call(new ApiRequest(requestId, new Members(members(body)), JettyClientConnection.of(ctx)));
      respond(ctx, 200, output);
    } catch (ApiException e) {
      respond(ctx, e.status(), error(e.errorType(), e.getMessage(), e));
    } catch (RuntimeException | IOException bug) {
      LOG.error("Bug: request {} ({}) failed; it is answered with {}", requestId, target, ErrorTypes.INTERNAL_FAILURE, bug);
      respond(ctx, 500, error(ErrorTypes.INTERNAL_FAILURE, "An internal error occurred while processing request " + requestId, null));
    }
  }

  private byte[] readBody(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    var body = ctx.req().getInputStream().readNBytes(maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      throw tooLarge(body.length);
    }
    return body;
  }

  private ApiException tooLarge(long length) {
    return new ApiException(ErrorTypes.REQUEST_ENTITY_TOO_LARGE, "Request of " + length + " bytes is larger than the " + maxBodyBytes
        + " bytes allowed");
  }

  private static SigV4Verifier.SignedRequest signedRequest(Context ctx, byte[] body) {
    var headers = new LinkedHashMap<String, List<String>>();
    for (var name : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
    }
    return new SigV4Verifier.SignedRequest(ctx.req().getMethod(), ctx.req().getRequestURI(), ctx.req().getQueryString(), headers, body);
  }

  static void checkContentType(String contentType) {
    var type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!ACCEPTED_CONTENT_TYPES.contains(type)) {
      throw new ApiException(ErrorTypes.SERIALIZATION_EXCEPTION, "Expected Content-Type " + CONTENT_TYPE + ", but got "
          + (contentType == null ? "none" : "'" + contentType + "'"));
    }
  }

  /** The body as the operation's input structure: {@code {}} when empty; not a JSON object is {@code SerializationException}. */
  static ObjectNode members(byte[] body) {
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorTypes.SERIALIZATION_EXCEPTION, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ErrorTypes.SERIALIZATION_EXCEPTION, "The request body does not read: " + e.getMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new ApiException(ErrorTypes.SERIALIZATION_EXCEPTION, "Expected the request body to be a JSON object, but it is "
          + (parsed == null ? "empty" : parsed.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return (ObjectNode) parsed;
  }

  /** {@code {"__type": ..., "message": ...}} and the error shape's other members. */
  static ObjectNode error(String errorType, String message, ApiException e) {
    var body = JsonNodeFactory.instance.objectNode().put("__type", errorType).put("message", message);
    if (e != null) {
      e.members().forEach(body::put);
    }
    return body;
  }

  private static void respond(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType(CONTENT_TYPE);
    if (body.has("__type")) {
      ctx.header(ERROR_TYPE_HEADER, body.get("__type").asText());
    }
    try {
      ctx.result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a JSON tree to write, but " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
