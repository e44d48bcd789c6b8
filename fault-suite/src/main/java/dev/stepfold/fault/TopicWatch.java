package dev.stepfold.fault;

import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.streams.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a client outside stepfold sees: it produces JSON commands to the commands topic and follows the replies and the
 * history (read_committed, from the beginning) on a thread of its own, remembering the wall time each reply arrived.
 * Its clients reconnect quickly, so that a time measured across a restart is the server's, not the client's back-off.
 */
public final class TopicWatch implements AutoCloseable {
  public record Arrival(ReplyRecord reply, long arrivedAtNanos) {}

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Topics topics;
  private final Map<String, Arrival> replies = new ConcurrentHashMap<>();
  private final Map<String, List<HistoryEventRecord>> history = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;
  private final int historyPartitions;

  private TopicWatch(String bootstrapServers, String registryUrl, List<TopicPartition> partitions) {
    this.historyPartitions = (int) partitions.stream().filter(p -> p.topic().equals(Topics.name("", Topics.HISTORY))).count();
    this.topics = Topics.create("", new RestSchemaRegistryClient(registryUrl));
    this.producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200), new StringSerializer(), new ByteArraySerializer());
    this.consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200), new StringDeserializer(), new ByteArrayDeserializer());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.poller = new Thread(this::poll, "topic-watch");
    poller.setDaemon(true);
    poller.start();
  }

  /** Waits until the server has made its topics, then follows them. */
  public static TopicWatch start(String bootstrapServers, String registryUrl, Duration timeout) throws Exception {
    var names = List.of(Topics.name("", Topics.REPLIES), Topics.name("", Topics.HISTORY));
    try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          var described = admin.describeTopics(names).allTopicNames().get();
          var partitions = new ArrayList<TopicPartition>();
          described.values().forEach(topic -> topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
          return new TopicWatch(bootstrapServers, registryUrl, partitions);
        } catch (java.util.concurrent.ExecutionException notYet) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException("Expected the topics " + names + " within " + timeout + ", but: " + notYet.getCause());
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** Produces a JSON command keyed by {@code key} (the producer waits out a broker that is down). */
  public void send(String key, String json) {
    producer.send(new ProducerRecord<>(Topics.name("", Topics.COMMANDS), key, json.getBytes(StandardCharsets.UTF_8)));
  }

  public void flush() {
    producer.flush();
  }

  /** The partitions of the history topic, as many as the commands topic has. */
  public int partitions() {
    return historyPartitions;
  }

  public Optional<Arrival> reply(String requestId) {
    return Optional.ofNullable(replies.get(requestId));
  }

  /** The reply to {@code requestId}, waited for. */
  public Arrival awaitReply(String requestId, Duration timeout) throws Exception {
    return await(() -> replies.get(requestId), timeout, "the reply to " + requestId);
  }

  /** The history of an execution as read so far (a copy). */
  public List<HistoryEventRecord> history(String executionArn) {
    var events = history.get(executionArn);
    if (events == null) {
      return List.of();
    }
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  public Map<String, List<HistoryEventRecord>> histories() {
    var copy = new java.util.TreeMap<String, List<HistoryEventRecord>>();
    history.keySet().forEach(arn -> copy.put(arn, history(arn)));
    return copy;
  }

  /** Polls {@code probe} until it gives a value. */
  public static <T> T await(Supplier<T> probe, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (T value; ; ) {
      if ((value = probe.get()) != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("Expected " + what + " within " + timeout + ", but it did not come");
      }
      Thread.sleep(20);
    }
  }

  private void poll() {
    var repliesTopic = Topics.name("", Topics.REPLIES);
    var replySerde = topics.replies().valueSerde().deserializer();
    var historySerde = topics.history().valueSerde().deserializer();
    while (running.get()) {
      try {
        var records = consumer.poll(Duration.ofMillis(20));
        long now = System.nanoTime();
        boolean unreadable = false;
        for (var partition : records.partitions()) {
          for (var record : records.records(partition)) {
            try {
              if (record.topic().equals(repliesTopic)) {
                var reply = replySerde.deserialize(record.topic(), record.value());
                replies.putIfAbsent(reply.getRequestId(), new Arrival(reply, now));
              } else {
                var event = historySerde.deserialize(record.topic(), record.value());
                var events = history.computeIfAbsent(record.key(), k -> new ArrayList<>());
                synchronized (events) {
                  events.add(event);
                }
              }
            } catch (org.apache.kafka.common.errors.SerializationException registryAway) {
              // its schema is not fetched yet and the registry is down (an embedded server restarting): read it again
              consumer.seek(partition, record.offset());
              unreadable = true;
              break;
            }
          }
        }
        if (unreadable) {
          Thread.sleep(200);
        }
      } catch (org.apache.kafka.common.errors.WakeupException | InterruptedException closing) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    poller.join();
    consumer.close();
    producer.close();
  }
}
