package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.STATE_MACHINE;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Reply;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.redrive.BulkRedriveReport;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.BulkRedrivePartReportCommand;
import dev.stepfold.schemas.BulkRedriveShardCommand;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkRedriveAvroTest {
  private static final Instant CLOSED_AFTER = Instant.parse("2026-01-01T00:00:00Z");
  private static final BulkRedriveCommand BULK = BulkRedriveCommand.newBuilder()
      .setStatuses(List.of("FAILED", "TIMED_OUT"))
      .setClosedAfter(CLOSED_AFTER.toEpochMilli())
      .setError("Payment.Declined")
      .setRedriveCountBelow(3)
      .setMaxPerSecond(30)
      .build();

  @Test
  void shouldReadTheFilterOfTheBulkCommandAndOfTheShardsItSends() {
    var expected = new BulkRedriveFilter(Set.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT), Optional.of(CLOSED_AFTER), Optional.empty(),
        Optional.of("Payment.Declined"), OptionalInt.of(3));

    var shard = throughBytes(BulkRedriveAvro.shard("bulk-1", STATE_MACHINE, BULK, 2, 10));

    assertThat(BulkRedriveAvro.filter(BULK)).isEqualTo(expected);
    assertThat(shard.getExecutionArn()).isEqualTo(STATE_MACHINE.value());
    assertThat(BulkRedriveAvro.isBulkRedriveCommand(shard)).isTrue();
    var command = (BulkRedriveShardCommand) shard.getCommand();
    assertThat(command.getPartition()).isEqualTo(2);
    assertThat(command.getPerSecond()).isEqualTo(10);
    assertThat(BulkRedriveAvro.filter(command)).isEqualTo(expected);
  }

  @Test
  void shouldRefuseAStatusThatIsNotOne() {
    var bulk = BulkRedriveCommand.newBuilder(BULK).setStatuses(List.of("FAILD")).build();

    assertThatThrownBy(() -> BulkRedriveAvro.filter(bulk)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected statuses among [FAILED, TIMED_OUT, ABORTED], but got 'FAILD'");
  }

  @Test
  void shouldCarryAPartToTheCoordinatorAndTheReportToTheReplyAsAcceptedData() {
    var part = new BulkRedriveReport("bulk-1", STATE_MACHINE,
        List.of(new BulkRedriveReport.Redriven(STATE_MACHINE.execution("b"), 2, Instant.parse("2026-01-05T10:00:01.500Z"))),
        List.of(new BulkRedriveReport.Skipped(STATE_MACHINE.execution("a"), "Execution redrivable period exceeded")), false);

    var record = throughBytes(BulkRedriveAvro.partReport(part, 1));
    var read = BulkRedriveAvro.part(STATE_MACHINE, (BulkRedrivePartReportCommand) record.getCommand());
    var reply = AvroCodec.parsingDefinitions().reply(throughBytes(BulkRedriveAvro.reply(read)));

    assertThat(read).isEqualTo(part);
    assertThat(((Reply.Accepted) reply).data().toString()).isEqualTo("""
        {"redriven":[{"executionArn":"%s","redriveCount":2,"redriveDate":1.7676072015E9}],\
        "skipped":[{"executionArn":"%s","reason":"Execution redrivable period exceeded"}]}"""
        .formatted(STATE_MACHINE.execution("b"), STATE_MACHINE.execution("a")));
  }
}
