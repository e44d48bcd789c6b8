package dev.stepfold.fault;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The clock of the suite's Kafka worker as its records show it: a record's time is its producer's clock, which the
 * runtime takes as the time a command (a task's answer) was written. {@link #jump} moves the clock ahead of the wall
 * clock or behind it, as an NTP step or a VM resumed does; every record the worker's clients write then carries that
 * time. Its consumers (the same client properties configure both) are left as they are.
 */
public final class JumpingClock implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
  private static volatile long offsetMillis;
  private static final AtomicInteger stamped = new AtomicInteger();

  /** From now on records carry the wall clock plus {@code offset}; {@link Duration#ZERO} puts the clock right again. */
  static void jump(Duration offset) {
    offsetMillis = offset.toMillis();
  }

  /** How many records were written with a clock off the wall clock. */
  static int stamped() {
    return stamped.get();
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    long offset = offsetMillis;
    if (offset == 0) {
      return record;
    }
    stamped.incrementAndGet();
    return new ProducerRecord<>(record.topic(), record.partition(), System.currentTimeMillis() + offset, record.key(), record.value(),
        record.headers());
  }

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    return records;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
