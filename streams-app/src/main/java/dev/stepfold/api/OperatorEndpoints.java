package dev.stepfold.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.metrics.StepfoldMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The GET endpoints beside the API, for Prometheus and for what runs the process (Kubernetes probes, a load balancer):
 * {@code /metrics} in Prometheus' text format; {@code /health/live}, 200 as long as the process answers HTTP;
 * {@code /health/ready}, 200 only while the topology is RUNNING and the API's reader of replies runs, else 503 — each
 * with {@code {"status": "UP" | "DOWN", "topology": <Kafka Streams state>}}.
 */
final class OperatorEndpoints {
  private final StepfoldMetrics metrics;
  private final KafkaStreams streams;
  private final BooleanSupplier repliesRunning;

  OperatorEndpoints(StepfoldMetrics metrics, KafkaStreams streams, BooleanSupplier repliesRunning) {
    this.metrics = metrics;
    this.streams = streams;
    this.repliesRunning = repliesRunning;
  }

  void addTo(Javalin app) {
    app.get("/metrics", ctx -> ctx.contentType(StepfoldMetrics.contentType()).result(metrics.scrape()));
    app.get("/health/live", ctx -> health(ctx, true));
    app.get("/health/ready", ctx -> health(ctx, ready()));
  }

  /** Whether commands are processed and their replies read now. */
  boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING && repliesRunning.getAsBoolean();
  }

  private void health(Context ctx, boolean up) {
    var body = JsonNodeFactory.instance.objectNode().put("status", up ? "UP" : "DOWN").put("topology", streams.state().name());
    ctx.status(up ? 200 : 503).contentType("application/json").result(body.toString());
  }
}
