package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.redrive.BulkRedriveChoice;
import dev.stepfold.redrive.BulkRedriveReport;
import dev.stepfold.redrive.BulkRedriveTokens;
import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A bulk redrive's work on one partition, in the task that owns the partition's executions. A shard lists the state
 * machine's executions from the execution index, skips (with the reason) those that match the filter but cannot be
 * redriven, and keeps the others as pending work; {@link #redriveDue} (a wall-clock punctuator, once a second)
 * redrives at most the shard's rate of them, each checked again first since it may have changed, through the
 * processor's own handling of a RedriveExecution command ({@link Redriver}), onto the version the bulk redrive names
 * if it names one. When nothing is left, the shard reports its part to the
 * coordinator. Every redrive of one bulk request carries the same client token, so a repeat of one is answered
 * without a second redrive (R15); a shard this task got before does nothing.
 */
final class BulkRedriveShards {
  /**
   * Redrives one execution in this task as a RedriveExecution command from the topic is handled (its version looked
   * up; events, tasks, timers, map runs), with no reply record.
   */
  interface Redriver {
    Reply redrive(CommandRecord redrive, long timestamp);
  }

  private final ProcessorContext<String, Object> context;
  private final BulkRedriveStore store;
  private final ExecutionStore executions;
  private final Redriver redriver;
  private final RetentionStore retention;

  BulkRedriveShards(ProcessorContext<String, Object> context, BulkRedriveStore store, ExecutionStore executions, Redriver redriver,
      RetentionStore retention) {
    this.context = context;
    this.store = store;
    this.executions = executions;
    this.redriver = redriver;
    this.retention = retention;
  }

  /** Takes a shard on; {@link IllegalArgumentException} when it does not name a state machine or a filter. */
  void start(CommandRecord avro, BulkRedriveShardCommand shard, long timestamp) {
    var requestId = shard.getBulkRequestId();
    if (store.knowsShard(requestId)) {
      return;
    }
    var stateMachineArn = new StateMachineArn(avro.getExecutionArn());
    var filter = BulkRedriveAvro.filter(shard);
    var now = Instant.ofEpochMilli(timestamp);
    var pending = new ArrayList<ExecutionArn>();
    var skipped = new ArrayList<BulkRedriveReport.Skipped>();
    for (var executionArn : executions.executionsOf(stateMachineArn)) {
      var choice = BulkRedriveChoice.of(executions.load(executionArn), filter, now);
      if (choice instanceof BulkRedriveChoice.Redrive) {
        pending.add(executionArn);
      } else if (choice instanceof BulkRedriveChoice.Skip skip) {
        skipped.add(new BulkRedriveReport.Skipped(executionArn, skip.reason()));
      }
    }
    var done = new BulkRedriveReport(requestId, stateMachineArn, List.of(), skipped, false);
    next(new BulkRedriveStore.ShardWork(shard.getPartition(), shard.getPerSecond(), filter, pending, done, Optional.ofNullable(shard.getOntoVersion())),
        timestamp);
  }

  /** Redrives at most each active shard's rate of its pending executions. */
  void redriveDue(long wallClockTime) {
    var now = Instant.ofEpochMilli(wallClockTime);
    for (var work : store.activeShards()) {
      var requestId = work.done().requestId();
      var batch = work.pending().subList(0, Math.min(work.perSecond(), work.pending().size()));
      var redriven = new ArrayList<BulkRedriveReport.Redriven>();
      var skipped = new ArrayList<BulkRedriveReport.Skipped>();
      for (var executionArn : batch) {
        var execution = executions.load(executionArn);
        var choice = BulkRedriveChoice.of(execution, work.filter(), now);
        if (choice instanceof BulkRedriveChoice.Skip skip) {
          skipped.add(new BulkRedriveReport.Skipped(executionArn, skip.reason()));
        } else if (choice instanceof BulkRedriveChoice.NotSelected) {
          skipped.add(new BulkRedriveReport.Skipped(executionArn,
              "Execution changed since the bulk redrive selected it and no longer matches its filter: its status is " + execution.status()));
        } else {
          var redrive = CommandRecord.newBuilder()
              .setRequestId(requestId + "/" + executionArn.value())
              .setExecutionArn(executionArn.value())
              .setReply(false)
              .setCommand(RedriveExecutionCommand.newBuilder().setClientToken(BulkRedriveTokens.clientToken(requestId))
                  .setOntoVersion(work.ontoVersion().orElse(null)).build())
              .build();
          var reply = redriver.redrive(redrive, wallClockTime);
          if (reply instanceof Reply.Rejected rejected) {
            skipped.add(new BulkRedriveReport.Skipped(executionArn, rejected.message()));
          } else {
            var redrives = executions.load(executionArn).redrives();
            redriven.add(new BulkRedriveReport.Redriven(executionArn, redrives.count(), redrives.lastDate().orElse(now)));
          }
        }
      }
      var part = new BulkRedriveReport(requestId, work.done().stateMachineArn(), redriven, skipped, false);
      var left = work.pending().subList(batch.size(), work.pending().size());
      next(new BulkRedriveStore.ShardWork(work.partition(), work.perSecond(), work.filter(), left, work.done().merge(part, false),
          work.ontoVersion()), wallClockTime);
    }
  }

  /** Keeps the work while some is left; otherwise reports the part to the coordinator. */
  private void next(BulkRedriveStore.ShardWork work, long timestamp) {
    if (!work.pending().isEmpty()) {
      store.putActive(work);
      return;
    }
    store.markDone(work.done().requestId());
    retention.closed(RetentionStore.Kind.BULK_REDRIVE_SHARD, work.done().requestId(), Instant.ofEpochMilli(timestamp));
    var report = BulkRedriveAvro.partReport(work.done(), work.partition());
    context.forward(new Record<String, Object>(report.getExecutionArn(), report, timestamp), BulkRedriveNodes.BULK_REDRIVE_COMMANDS_SINK);
  }
}
