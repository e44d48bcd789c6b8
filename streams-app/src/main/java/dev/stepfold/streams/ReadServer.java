package dev.stepfold.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.error.ApiError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal read endpoint of an instance, at its {@code application.server} host and port: the reads another
 * instance forwards here because this one owns the execution, and this instance's part of ListExecutions. JSON in and
 * out ({@link ReadJson}); an AWS error is {@code 400 {"__type": ..., "message": ...}}, a store that cannot be read now
 * {@code 503} with {@code ServiceUnavailable}. It answers from this instance's stores only and forwards nothing.
 */
final class ReadServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadServer.class);
  static final String PATH = "/stepfold/internal/reads/";
  static final String DESCRIBE = "describe";
  static final String HISTORY = "history";
  static final String REDRIVE_PLAN = "redrive-plan";
  static final String LIST = "list";
  static final String MAP_RUN = "map-run";
  static final String SUMMARIES = "summaries";
  private static final String JSON = "application/json";

  /** The body of a read of one execution. */
  record ExecutionRequest(ExecutionArn executionArn) {}

  record RedrivePlanRequest(ExecutionArn executionArn, RedrivePlanFix fix) {}

  /** The body of a read of one map run. */
  record MapRunRequest(String mapRunArn) {}

  private final Javalin app;
  private volatile InstanceReads reads;

  private ReadServer(Javalin app) {
    this.app = app;
  }

  /** Starts listening on {@code host} and {@code port} (0 for any free port); reads are answered once {@link #serve} is called. */
  static ReadServer start(String host, int port, int maxThreads) {
    var app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.jetty.threadPool = new QueuedThreadPool(maxThreads, Math.min(2, maxThreads));
    });
    var server = new ReadServer(app);
    app.post(PATH + DESCRIBE, ctx -> server.answer(ctx, () -> server.reads().describe(server.body(ctx, ExecutionRequest.class).executionArn())));
    app.post(PATH + HISTORY, ctx -> server.answer(ctx, () -> server.reads().history(server.body(ctx, InstanceReads.HistoryRequest.class))));
    app.post(PATH + REDRIVE_PLAN,
        ctx -> server.answer(ctx, () -> {
          var request = server.body(ctx, RedrivePlanRequest.class);
          return server.reads().redrivePlan(request.executionArn(), request.fix());
        }));
    app.post(PATH + LIST, ctx -> server.answer(ctx, () -> server.reads().list(server.body(ctx, InstanceReads.ListRequest.class))));
    app.post(PATH + MAP_RUN, ctx -> server.answer(ctx,
        () -> server.reads().describeMapRun(new MapRunArn(server.body(ctx, MapRunRequest.class).mapRunArn()))));
    app.post(PATH + SUMMARIES, ctx -> server.answer(ctx, () -> server.reads().summaries(server.body(ctx, InstanceReads.SummariesRequest.class))));
    app.start(host, port);
    return server;
  }

  int port() {
    return app.port();
  }

  void serve(InstanceReads local) {
    this.reads = local;
  }

  private InstanceReads reads() {
    var local = reads;
    if (local == null) {
      throw new StoreUnavailable("This instance is starting");
    }
    return local;
  }

  private <T> T body(Context ctx, Class<T> type) {
    try {
      return ReadJson.MAPPER.readValue(ctx.bodyAsBytes(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw ReadFailure.of(ApiError.VALIDATION_EXCEPTION, "Expected a " + type.getSimpleName() + ", but " + e.getMessage());
    }
  }

  private void answer(Context ctx, Callable<Object> read) throws IOException {
    try {
      ctx.contentType(JSON).result(ReadJson.MAPPER.writeValueAsBytes(read.call()));
    } catch (ReadFailure e) {
      error(ctx, 400, e.errorType(), e.getMessage());
    } catch (StoreUnavailable | InvalidStateStoreException e) {
      error(ctx, 503, ReadFailure.SERVICE_UNAVAILABLE, e.getMessage());
    } catch (Exception e) {
      LOG.error("Bug: the internal read {} failed", ctx.path(), e);
      error(ctx, 500, ExecutionProcessor.INTERNAL_FAILURE, String.valueOf(e.getMessage()));
    }
  }

  private static void error(Context ctx, int status, String type, String message) throws IOException {
    var body = JsonNodeFactory.instance.objectNode().put("__type", type).put("message", message);
    ctx.status(status).contentType(JSON).result(ReadJson.MAPPER.writeValueAsBytes(body));
  }

  @Override
  public void close() {
    app.stop();
  }
}
