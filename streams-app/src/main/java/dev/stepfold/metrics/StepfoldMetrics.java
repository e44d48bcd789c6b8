package dev.stepfold.metrics;

import dev.stepfold.streams.ProcessingObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The metrics of one stepfold process, in a Prometheus registry that {@code GET /metrics} scrapes: the topology's work
 * ({@link #processing()}), the API's command-to-reply latency ({@link #commandReply()}), and Kafka Streams' and the
 * Kafka clients' own metrics through Micrometer's Kafka binders.
 */
public final class StepfoldMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ProcessingMetrics processing = new ProcessingMetrics(registry);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final Timer commandReply = Timer.builder("stepfold.api.command.reply")
      .description("From the API sending a command to its reply coming (replies that came)")
      .register(registry);

  public MeterRegistry registry() {
    return registry;
  }

  /** What the topology tells of its work, counted here. */
  public ProcessingObserver processing() {
    return processing;
  }

  /** The time from a command sent by the API to its reply. */
  public Timer commandReply() {
    return commandReply;
  }

  /** Kafka Streams' metrics, those of its own producers, consumers and admin client among them. */
  public synchronized void bind(KafkaStreams streams) {
    var binder = new KafkaStreamsMetrics(streams);
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** A Kafka producer's metrics (the API's producer of commands). */
  public synchronized void bind(Producer<?, ?> producer) {
    var binder = new KafkaClientMetrics(producer);
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** A Kafka consumer's metrics (the API's reader of replies). */
  public synchronized void bind(Consumer<?, ?> consumer) {
    var binder = new KafkaClientMetrics(consumer);
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** The Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  /** Prometheus' content type for {@link #scrape()}. */
  public static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  @Override
  public synchronized void close() {
    for (var binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // a binder's clean-up failing at shutdown leaves nothing to do
      }
    }
    binders.clear();
    registry.close();
  }
}
