package dev.stepfold.streams;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.redrive.BulkRedriveReport;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.BulkRedrivePartReportCommand;
import dev.stepfold.schemas.CommandRecord;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A bulk redrive's coordinator: the task that owns the state machine's ARN. It remembers each bulk request by its
 * request id, sends one shard to every partition of the commands topic ({@link BulkRedriveShards} does the work
 * there, where the executions are), merges the parts the shards report, and answers the bulk request with the report
 * once every partition has reported. A request id it knows starts nothing again: it is answered with the report when
 * that is complete, and otherwise gets the one answer written at completion.
 */
final class BulkRedriveCoordinator {
  private final ProcessorContext<String, Object> context;
  private final BulkRedriveStore store;
  private final AvroCodec codec;
  private final int partitions;
  private final RetentionStore retention;

  BulkRedriveCoordinator(ProcessorContext<String, Object> context, BulkRedriveStore store, AvroCodec codec, int partitions, RetentionStore retention) {
    this.context = context;
    this.store = store;
    this.codec = codec;
    this.partitions = partitions;
    this.retention = retention;
  }

  void start(CommandRecord avro, BulkRedriveCommand bulk, long timestamp) {
    var requestId = avro.getRequestId();
    StateMachineArn stateMachineArn;
    try {
      stateMachineArn = new StateMachineArn(avro.getExecutionArn());
    } catch (IllegalArgumentException e) {
      var error = e.getMessage().startsWith("Invalid Arn") ? ApiError.INVALID_ARN : ApiError.VALIDATION_EXCEPTION;
      reject(requestId, avro.getExecutionArn(), error, e.getMessage(), timestamp);
      return;
    }
    var known = store.coordination(requestId);
    if (known.isPresent()) {
      if (known.get().report().complete()) {
        answer(known.get().report(), timestamp);
      }
      return;
    }
    try {
      BulkRedriveAvro.filter(bulk);
    } catch (IllegalArgumentException e) {
      reject(requestId, stateMachineArn.value(), ApiError.VALIDATION_EXCEPTION, e.getMessage(), timestamp);
      return;
    }
    if (bulk.getMaxPerSecond() < 1) {
      reject(requestId, stateMachineArn.value(), ApiError.VALIDATION_EXCEPTION,
          "Expected maxPerSecond of at least 1, but got " + bulk.getMaxPerSecond(), timestamp);
      return;
    }
    store.put(new BulkRedriveStore.Coordination(BulkRedriveReport.empty(requestId, stateMachineArn), partitions, List.of()));
    // the rate is shared out evenly; each partition redrives at least one a second
    int perSecond = Math.max(1, bulk.getMaxPerSecond() / partitions);
    for (int partition = 0; partition < partitions; partition++) {
      var shard = BulkRedriveAvro.shard(requestId, stateMachineArn, bulk, partition, perSecond);
      context.forward(new Record<String, Object>(shard.getExecutionArn(), shard, timestamp), BulkRedriveNodes.BULK_REDRIVE_COMMANDS_SINK);
    }
  }

  /** Merges a shard's part; {@link IllegalArgumentException} when the bulk redrive is not one this task coordinates. */
  void partReported(CommandRecord avro, BulkRedrivePartReportCommand part, long timestamp) {
    var coordination = store.coordination(part.getBulkRequestId()).orElseThrow(() -> new IllegalArgumentException(
        "Expected bulk redrive " + part.getBulkRequestId() + " of a part report to be coordinated here, but it is not known"));
    if (coordination.reported().contains(part.getPartition())) {
      return;   // a repeat
    }
    var merged = coordination.withPart(part.getPartition(), BulkRedriveAvro.part(coordination.report().stateMachineArn(), part));
    store.put(merged);
    if (merged.report().complete()) {
      retention.closed(RetentionStore.Kind.BULK_REDRIVE, part.getBulkRequestId(), Instant.ofEpochMilli(timestamp));
      answer(merged.report(), timestamp);
    }
  }

  private void answer(BulkRedriveReport report, long timestamp) {
    context.forward(new Record<String, Object>(report.stateMachineArn().value(), BulkRedriveAvro.reply(report), timestamp),
        StepfoldTopology.REPLIES_SINK);
  }

  private void reject(String requestId, String arn, ApiError error, String message, long timestamp) {
    context.forward(new Record<String, Object>(arn, codec.avro(requestId, arn, new Reply.Rejected(error, message)), timestamp),
        StepfoldTopology.REPLIES_SINK);
  }
}
