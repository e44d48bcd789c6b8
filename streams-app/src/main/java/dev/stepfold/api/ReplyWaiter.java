package dev.stepfold.api;

import dev.stepfold.schemas.ReplyRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a future per request id with its reply from {@code stepfold.replies}. It reads every partition, assigned
 * (no group: each API instance sees every reply), read_committed (a reply counts once its command's transaction has
 * committed), from the end as it was at start: a request waits only for replies to commands sent after it expected them.
 * Replies no one waits for (other instances' requests, timers, producers on the topic) are passed over.
 */
public final class ReplyWaiter implements CommandGateway.Replies, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyWaiter.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<ReplyRecord> replies;
  private final Map<String, CompletableFuture<ReplyRecord>> waiting = new ConcurrentHashMap<>();
  private final Thread poller;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;

  private ReplyWaiter(KafkaConsumer<String, byte[]> consumer, Deserializer<ReplyRecord> replies) {
    this.consumer = consumer;
    this.replies = replies;
    this.poller = new Thread(this::poll, "stepfold-api-replies");
    this.poller.setDaemon(true);
  }

  /** Positions a consumer at the end of every partition of {@code topic}, then follows it. */
  public static ReplyWaiter start(Properties clientProperties, String topic, Deserializer<ReplyRecord> replies, Duration timeout) {
    var properties = new Properties();
    properties.putAll(clientProperties);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // a reply becomes readable when its transaction commits, not when it is appended: ask again soon rather than
    // letting the broker hold an empty fetch for the default 500 ms while every request waits
    properties.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      var partitions = consumer.partitionsFor(topic, timeout).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(partition -> consumer.position(partition, timeout));   // the end now, not at the first poll
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    var waiter = new ReplyWaiter(consumer, replies);
    waiter.poller.start();
    return waiter;
  }

  /** The future of a request's reply; call it before the command is sent, so that no reply can pass unseen. */
  @Override
  public CompletableFuture<ReplyRecord> expect(String requestId) {
    var future = new CompletableFuture<ReplyRecord>();
    if (waiting.putIfAbsent(requestId, future) != null) {
      throw new IllegalStateException("Expected one request with id " + requestId + ", but it is waited for already");
    }
    return future;
  }

  /** Stops waiting for a request (answered, timed out or failed to send). */
  @Override
  public void forget(String requestId) {
    waiting.remove(requestId);
  }

  private void poll() {
    try {
      while (!closing) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          ReplyRecord reply;
          try {
            reply = replies.deserialize(record.topic(), record.value());
          } catch (RuntimeException unreadable) {
            LOG.warn("A reply at {}-{}@{} does not read; passed over: {}", record.topic(), record.partition(), record.offset(), unreadable.getMessage());
            continue;
          }
          var future = waiting.remove(reply.getRequestId());
          if (future != null) {
            future.complete(reply);
          }
        }
      }
    } catch (WakeupException e) {
      if (!closing) {
        LOG.error("The reply consumer was woken up while running", e);
      }
    } catch (RuntimeException e) {
      LOG.error("The reply consumer failed; requests waiting for replies will time out", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  /** Whether replies are being read. */
  public boolean isRunning() {
    return stopped.getCount() > 0 && !closing;
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("The reply consumer did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
