package dev.stepfold.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka Streams does with a record it cannot deserialize: log it (topic, partition, offset, why) and go on. The
 * commands topic is read as bytes and its records are judged by the processor (answered or dead-lettered), so this
 * only ever sees the topics the global stores follow ({@code stepfold.state-machines}, {@code stepfold.activities}),
 * which only the runtime writes: a record there that does not read (another producer's, a registry that lost a
 * schema) is left out of the store instead of stopping the global thread and with it the whole instance.
 */
public final class SkipUnreadableRecords implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SkipUnreadableRecords.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("Skipped a record of {}-{}@{} that does not read: {}", context.topic(), context.partition(), context.offset(), exception.getMessage());
    return Response.resume();
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
