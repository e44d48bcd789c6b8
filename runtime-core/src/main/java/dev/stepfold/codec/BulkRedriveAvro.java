package dev.stepfold.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.redrive.BulkRedriveReport;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.BulkRedrivePartReportCommand;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.BulkRedrivenPart;
import dev.stepfold.schemas.BulkSkippedPart;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedrivenExecution;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.SkippedExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Bulk redrive ⇄ Avro: the bulk redrive command and the two internal commands its work travels in (a shard to each
 * partition, a part report back), all keyed by the state machine's ARN in the envelope's {@code executionArn}, and the
 * report as the reply to the bulk request.
 */
public final class BulkRedriveAvro {
  private BulkRedriveAvro() {}

  /** Whether the record is a bulk redrive command, or one of its internal commands. */
  public static boolean isBulkRedriveCommand(CommandRecord record) {
    var command = record.getCommand();
    return command instanceof BulkRedriveCommand || command instanceof BulkRedriveShardCommand || command instanceof BulkRedrivePartReportCommand;
  }

  /** The filter a bulk redrive command names; {@link IllegalArgumentException} saying why when it is not one. */
  public static BulkRedriveFilter filter(BulkRedriveCommand command) {
    return filter(command.getStatuses(), command.getClosedAfter(), command.getClosedBefore(), command.getError(), command.getRedriveCountBelow(),
        command.getStateMachineVersionArn());
  }

  public static BulkRedriveFilter filter(BulkRedriveShardCommand shard) {
    return filter(shard.getStatuses(), shard.getClosedAfter(), shard.getClosedBefore(), shard.getError(), shard.getRedriveCountBelow(),
        shard.getStateMachineVersionArn());
  }

  private static BulkRedriveFilter filter(List<String> statuses, Long closedAfter, Long closedBefore, String error, Integer redriveCountBelow,
      String stateMachineVersionArn) {
    var wanted = EnumSet.noneOf(ExecutionStatus.class);
    for (var status : statuses) {
      try {
        wanted.add(ExecutionStatus.valueOf(status));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Expected statuses among [FAILED, TIMED_OUT, ABORTED], but got '" + status + "'");
      }
    }
    return new BulkRedriveFilter(wanted, Optional.ofNullable(closedAfter).map(Instant::ofEpochMilli),
        Optional.ofNullable(closedBefore).map(Instant::ofEpochMilli), Optional.ofNullable(error),
        redriveCountBelow == null ? OptionalInt.empty() : OptionalInt.of(redriveCountBelow), Optional.ofNullable(stateMachineVersionArn));
  }

  /** The shard of {@code bulk} for one partition, with the bulk command's filter as it was written. */
  public static CommandRecord shard(String bulkRequestId, StateMachineArn stateMachineArn, BulkRedriveCommand bulk, int partition, int perSecond) {
    var shard = BulkRedriveShardCommand.newBuilder()
        .setBulkRequestId(bulkRequestId)
        .setPartition(partition)
        .setStatuses(bulk.getStatuses())
        .setClosedAfter(bulk.getClosedAfter())
        .setClosedBefore(bulk.getClosedBefore())
        .setError(bulk.getError())
        .setRedriveCountBelow(bulk.getRedriveCountBelow())
        .setStateMachineVersionArn(bulk.getStateMachineVersionArn())
        .setOntoVersion(bulk.getOntoVersion())
        .setPerSecond(perSecond)
        .build();
    return envelope(bulkRequestId + "/shard/" + partition, stateMachineArn, shard);
  }

  /** What one partition did, for the coordinator. */
  public static CommandRecord partReport(BulkRedriveReport part, int partition) {
    var redriven = part.redriven().stream()
        .map(r -> new BulkRedrivenPart(r.executionArn().value(), r.redriveCount(), r.redriveDate().toEpochMilli())).toList();
    var skipped = part.skipped().stream().map(s -> new BulkSkippedPart(s.executionArn().value(), s.reason())).toList();
    return envelope(part.requestId() + "/part/" + partition, part.stateMachineArn(),
        new BulkRedrivePartReportCommand(part.requestId(), partition, new ArrayList<>(redriven), new ArrayList<>(skipped)));
  }

  public static BulkRedriveReport part(StateMachineArn stateMachineArn, BulkRedrivePartReportCommand report) {
    var redriven = report.getRedriven().stream().map(r -> new BulkRedriveReport.Redriven(new ExecutionArn(r.getExecutionArn()),
        r.getRedriveCount(), Instant.ofEpochMilli(r.getRedriveDate()))).toList();
    var skipped = report.getSkipped().stream().map(s -> new BulkRedriveReport.Skipped(new ExecutionArn(s.getExecutionArn()), s.getReason())).toList();
    return new BulkRedriveReport(report.getBulkRequestId(), stateMachineArn, redriven, skipped, false);
  }

  /** The report as the reply to the bulk request. */
  public static ReplyRecord reply(BulkRedriveReport report) {
    var redriven = report.redriven().stream()
        .map(r -> new RedrivenExecution(r.executionArn().value(), r.redriveCount(), r.redriveDate().toEpochMilli())).toList();
    var skipped = report.skipped().stream().map(s -> new SkippedExecution(s.executionArn().value(), s.reason())).toList();
    return ReplyRecord.newBuilder()
        .setRequestId(report.requestId())
        .setExecutionArn(report.stateMachineArn().value())
        .setOutcome(new BulkRedriveReportReply(new ArrayList<>(redriven), new ArrayList<>(skipped)))
        .build();
  }

  /** The report as JSON, for a reader of replies that wants the accepted data: dates in epoch seconds, as AWS writes them. */
  static JsonNode json(BulkRedriveReportReply report) {
    var data = JsonNodeFactory.instance.objectNode();
    var redriven = data.putArray("redriven");
    for (var r : report.getRedriven()) {
      redriven.addObject().put("executionArn", r.getExecutionArn()).put("redriveCount", r.getRedriveCount())
          .put("redriveDate", r.getRedriveDate() / 1000.0);
    }
    var skipped = data.putArray("skipped");
    for (var s : report.getSkipped()) {
      skipped.addObject().put("executionArn", s.getExecutionArn()).put("reason", s.getReason());
    }
    return data;
  }

  private static CommandRecord envelope(String requestId, StateMachineArn stateMachineArn, Object command) {
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(stateMachineArn.value()).setCommand(command).build();
  }
}
