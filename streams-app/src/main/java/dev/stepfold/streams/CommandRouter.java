package dev.stepfold.streams;

import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.CheckStateMachineExecutionsCommand;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of the topology: every command reaches the task that owns its key, whatever partition its producer chose.
 * A record read from the partition of its key ({@link KeyPartitioning}) goes on to the execution processor; one read
 * from another partition (a librdkafka client's default partitioner is CRC32-based, not murmur2) is forwarded as it is
 * (key, value bytes, headers, timestamp), marked {@link #FORWARDED_FROM}, to the partition of its key, in the same
 * transaction as the offset that consumed it, and is processed there, once. The commands of one key that a producer
 * put in one partition keep their order (every key-hashing partitioner does that); commands of one key spread over
 * several partitions have no order between them, as on any topic.
 *
 * <p>What goes to the processor where it arrives, and why:
 * <ul>
 *   <li>a record with no key: the processor answers it, or makes it a dead letter, as any record it cannot handle;
 *   <li>a record already forwarded that again is not in the partition of its key (the topic's partitions changed under
 *       a running instance): it is processed there, with a warning, rather than sent round again;
 *   <li>a bulk redrive shard: the runtime addresses each to a partition, not to its key (the state machine's ARN), so
 *       that the partition's task redrives its own executions; so is a deleted state machine's check of its executions;
 *   <li>a record that does not read as a command: the processor makes it a dead letter, with where it was produced.
 * </ul>
 * Only records in another partition than their key's are decoded here (to tell shards apart); the others pass as bytes.
 */
final class CommandRouter implements Processor<String, byte[], String, byte[]> {
  /** The header of a forwarded record: where it was read first, as {@code <partition>@<offset>}. */
  static final String FORWARDED_FROM = "stepfold.forwarded-from";

  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

  private final CommandDecoder decoder;
  private final int partitions;
  private final ProcessingObserver observer;
  private ProcessorContext<String, byte[]> context;
  private long forwarded;

  /** {@code partitions}: the commands topic's partition count, as the runtime found it at start. */
  CommandRouter(CommandDecoder decoder, int partitions, ProcessingObserver observer) {
    this.decoder = decoder;
    this.partitions = partitions;
    this.observer = observer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    var origin = context.recordMetadata()
        .orElseThrow(() -> new IllegalStateException("Expected a record read from the commands topic, but it has no origin"));
    if (record.key() == null) {
      process(record, "no key");
      return;
    }
    int owner = KeyPartitioning.partition(record.key(), partitions);
    if (owner == origin.partition()) {
      context.forward(record, StepfoldTopology.EXECUTION_PROCESSOR);
      return;
    }
    var forwardedFrom = record.headers().lastHeader(FORWARDED_FROM);
    if (forwardedFrom != null) {
      LOG.warn("Command {} was forwarded here (read first at {}), but its key {} belongs to partition {} of {}: it is processed here, "
              + "not forwarded again; has the topic's partition count changed since the runtime started?",
          at(origin), new String(forwardedFrom.value(), StandardCharsets.UTF_8), record.key(), owner, partitions);
      process(record, "forwarded once already");
      return;
    }
    var staysHere = reasonToStay(origin.topic(), record.value());
    if (staysHere.isPresent()) {
      process(record, staysHere.get());
      return;
    }
    var headers = new RecordHeaders(record.headers().toArray());
    headers.add(FORWARDED_FROM, (origin.partition() + "@" + origin.offset()).getBytes(StandardCharsets.UTF_8));
    context.forward(record.withHeaders(headers), StepfoldTopology.FORWARDED_COMMANDS_SINK);
    forwarded++;
    observer.commandForwarded();
    LOG.debug("Forwarded command {} (key {}) to partition {}, its key's; {} forwarded by this task", at(origin), record.key(), owner, forwarded);
  }

  private void process(Record<String, byte[]> record, String why) {
    LOG.trace("Command {} is processed where it arrived: {}", context.recordMetadata().map(CommandRouter::at).orElse("?"), why);
    context.forward(record, StepfoldTopology.EXECUTION_PROCESSOR);
  }

  /** Why a record in another partition than its key's is processed where it is; empty when it is to be forwarded. */
  private Optional<String> reasonToStay(String topic, byte[] value) {
    try {
      var command = decoder.decode(topic, value).getCommand();
      if (command instanceof BulkRedriveShardCommand) {
        return Optional.of("a bulk redrive shard, addressed to its partition");
      }
      return command instanceof CheckStateMachineExecutionsCommand
          ? Optional.of("a deleted state machine's check of its executions, addressed to its partition")
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("not a command: a dead letter from where it was produced");
    }
  }

  private static String at(RecordMetadata origin) {
    return origin.topic() + "-" + origin.partition() + "@" + origin.offset();
  }
}
