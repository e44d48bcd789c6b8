package dev.stepfold.streams;

import dev.stepfold.codec.AvroCodec;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.BulkRedrivePartReportCommand;
import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.CommandRecord;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Bulk redrive in the execution processor's task: the bulk command and its part reports go to the
 * {@link BulkRedriveCoordinator}, shards to {@link BulkRedriveShards}, whose punctuator runs once a second (rates are
 * per second). All keyed by the state machine's ARN on the commands topic. A finished bulk redrive is kept, on its
 * coordinator and each shard, for deletion after the retention period ({@link Retention}).
 */
final class BulkRedrives {
  private static final Duration RATE_PERIOD = Duration.ofSeconds(1);

  private final BulkRedriveCoordinator coordinator;
  private final BulkRedriveShards shards;

  BulkRedrives(ProcessorContext<String, Object> context, BulkRedriveStore store, ExecutionStore executions, AvroCodec codec, int commandPartitions,
      BulkRedriveShards.Redriver redriver, RetentionStore retention) {
    this.coordinator = new BulkRedriveCoordinator(context, store, codec, commandPartitions, retention);
    this.shards = new BulkRedriveShards(context, store, executions, redriver, retention);
    context.schedule(RATE_PERIOD, PunctuationType.WALL_CLOCK_TIME, shards::redriveDue);
  }

  /** Handles a bulk redrive command; {@link IllegalArgumentException} for an internal one that cannot be handled (a dead letter). */
  void handle(CommandRecord avro, long timestamp) {
    var command = avro.getCommand();
    if (command instanceof BulkRedriveCommand bulk) {
      coordinator.start(avro, bulk, timestamp);
    } else if (command instanceof BulkRedriveShardCommand shard) {
      shards.start(avro, shard, timestamp);
    } else if (command instanceof BulkRedrivePartReportCommand part) {
      coordinator.partReported(avro, part, timestamp);
    } else {
      throw new IllegalStateException("Expected a bulk redrive command, but got " + command.getClass().getName());
    }
  }
}
