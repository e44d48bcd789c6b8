package dev.stepfold.api;

import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.streams.ActivityReads;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
import dev.stepfold.tasks.TaskRunners;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Step Functions API of a running {@link StepfoldRuntime}: one idempotent producer of commands, one
 * {@link ReplyWaiter}, the operations {@link Operations#load} finds, the signature check, and the HTTP endpoint
 * ({@link AwsJsonServer}) on {@code stepfold.api.host}:{@code stepfold.api.port}.
 */
public final class StepfoldApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepfoldApi.class);

  private final KafkaProducer<String, byte[]> producer;
  private final ReplyWaiter replies;
  private final AwsJsonServer server;

  private StepfoldApi(KafkaProducer<String, byte[]> producer, ReplyWaiter replies, AwsJsonServer server) {
    this.producer = producer;
    this.replies = replies;
    this.server = server;
  }

  public static StepfoldApi start(StepfoldRuntime runtime) {
    var config = runtime.config();
    var settings = ApiSettings.of(config);
    var topics = runtime.topics();
    KafkaProducer<String, byte[]> producer = null;
    ReplyWaiter replies = null;
    try {
      producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(), new ByteArraySerializer());
      replies = ReplyWaiter.start(clientProperties(config, ConsumerConfig.configNames()), topics.replies().name(),
          topics.replies().valueSerde().deserializer(), config.readsTimeout());
      var metrics = runtime.metrics();
      metrics.bind(producer);
      var gateway = new CommandGateway(producer, topics.commands().name(), topics.commands().valueSerde().serializer(),
          new TimedReplies(replies, metrics.commandReply()), settings.replyTimeout());
      var services = new ApiServices(gateway, runtime.queries(), runtime.stateMachines(), config.arnFormat(), config.readsTimeout(),
          new ActivityReads(runtime.streams()), settings.activityPoll(), new StepfoldDecider(),
          runtime.taskRunners().flatMap(TaskRunners::mockedExecutions));
      var verifier = new SigV4Verifier(settings.credentials(), config.arnFormat().region(), Clock.systemUTC());
      var readiness = new Readiness(runtime.streams(), replies);
      var operatorEndpoints = new OperatorEndpoints(metrics, runtime.streams(), replies::isRunning);
      var server = AwsJsonServer.start(settings.host(), settings.port(), settings.threads(), settings.maxBodyBytes(), Operations.load(services),
          verifier, readiness::ready, operatorEndpoints::addTo);
      LOG.info("AWS API on http://{}:{}{}", settings.host(), server.port(), verifier.enabled() ? ", SigV4 signatures verified" : "");
      return new StepfoldApi(producer, replies, server);
    } catch (RuntimeException | Error e) {
      if (replies != null) {
        replies.close();
      }
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
      throw e;
    }
  }

  /** The port the API listens on (for {@code stepfold.api.port=0}, the one it got). */
  public int port() {
    return server.port();
  }

  /**
   * Commands can be processed and reads answered once the topology has run: then while it runs, or moves tasks between
   * its instances (a read waits for its store), and while replies are read. Before its first RUNNING, or once it has
   * stopped, the API answers {@code ServiceUnavailable}.
   */
  private static final class Readiness {
    private final KafkaStreams streams;
    private final ReplyWaiter replies;
    private volatile boolean ran;

    Readiness(KafkaStreams streams, ReplyWaiter replies) {
      this.streams = streams;
      this.replies = replies;
    }

    boolean ready() {
      var state = streams.state();
      if (state == KafkaStreams.State.RUNNING) {
        ran = true;
      }
      return ran && replies.isRunning() && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    }
  }

  private static Properties producerProperties(StepfoldConfig config) {
    var properties = clientProperties(config, ProducerConfig.configNames());
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return properties;
  }

  /** The configuration's client settings (bootstrap servers, security) that a plain client of this kind knows. */
  private static Properties clientProperties(StepfoldConfig config, java.util.Set<String> known) {
    var properties = new Properties();
    Map<String, String> chosen = new LinkedHashMap<>();
    config.streamsProperties().forEach((key, value) -> {
      if (known.contains(key.toString())) {
        chosen.put(key.toString(), value.toString());
      }
    });
    properties.putAll(chosen);
    return properties;
  }

  @Override
  public void close() {
    server.close();
    replies.close();
    producer.close(Duration.ofSeconds(5));
  }
}
