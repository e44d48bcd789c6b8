package dev.stepfold.streams;

import static dev.stepfold.streams.TopologyHarness.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.redrive.BulkRedriveReport;
import dev.stepfold.redrive.BulkRedriveTokens;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.RedrivenExecution;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.SkippedExecution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk redrive through the whole topology (one partition, so the coordinator and the only shard share the task):
 * executions of "orders" that failed with different errors, at different times, redriven a different number of times.
 */
class BulkRedriveProcessingTest extends TopologyTest {
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final StateMachineArn BILLING = ArnFormat.DEFAULT.stateMachine("billing");
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final ExecutionArn DECLINED_1 = ORDERS.execution("declined-1");
  private static final ExecutionArn DECLINED_2 = ORDERS.execution("declined-2");
  private static final ExecutionArn DECLINED_3 = ORDERS.execution("declined-3");
  private static final ExecutionArn DECLINED_LONG_AGO = ORDERS.execution("declined-long-ago");
  private static final ExecutionArn DECLINED_RECENTLY = ORDERS.execution("declined-recently");
  private static final ExecutionArn DECLINED_TWICE_REDRIVEN = ORDERS.execution("declined-twice-redriven");
  private static final ExecutionArn OUT_OF_STOCK = ORDERS.execution("out-of-stock");
  private static final ExecutionArn SUCCEEDED = ORDERS.execution("succeeded");
  private static final ExecutionArn OTHER_MACHINE = BILLING.execution("declined");
  /** FAILED, Payment.Declined, closed before T0 - 10 minutes, redriven fewer than 2 times, at most 2 a second. */
  private static final String BULK = """
      {"requestId": "bulk-1", "executionArn": "%s", "command": {"BulkRedrive": {"statuses": ["FAILED"], "error": "Payment.Declined",
        "closedBefore": %d, "redriveCountBelow": 2, "maxPerSecond": 2}}}""".formatted(ORDERS, T0.minusSeconds(600).toEpochMilli());

  @BeforeEach
  void failSomeExecutions() {
    fail(DECLINED_LONG_AGO, "Payment.Declined", T0.minus(Duration.ofDays(20)));
    fail(DECLINED_1, "Payment.Declined", T0.minusSeconds(3600));
    fail(DECLINED_TWICE_REDRIVEN, "Payment.Declined", T0.minusSeconds(3500));
    harness.send(new Command.RedriveExecution("again-1", DECLINED_TWICE_REDRIVEN, Optional.empty()), T0.minusSeconds(3400));
    harness.send(new Command.RedriveExecution("again-2", DECLINED_TWICE_REDRIVEN, Optional.empty()), T0.minusSeconds(3300));
    fail(DECLINED_2, "Payment.Declined", T0.minusSeconds(3000));
    fail(OUT_OF_STOCK, "Stock.Missing", T0.minusSeconds(2500));
    fail(DECLINED_3, "Payment.Declined", T0.minusSeconds(2000));
    fail(OTHER_MACHINE, "Payment.Declined", T0.minusSeconds(1500));
    start(SUCCEEDED, "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}", T0.minusSeconds(1000));
    fail(DECLINED_RECENTLY, "Payment.Declined", T0.minusSeconds(60));
    assertThat(harness.fold(DECLINED_TWICE_REDRIVEN).redrives().count()).isEqualTo(2);
    assertThat(harness.fold(DECLINED_1).status()).isEqualTo(ExecutionStatus.FAILED);
    harness.replies.readRecordsToList();
  }

  @Test
  void shouldRedriveExactlyTheMatchingRedrivableExecutionsAtTheRateAndReportWhatItDid() {
    harness.sendJson(ORDERS.value(), BULK, T0);
    assertThat(redriven()).as("nothing before the first second").isEmpty();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(redriven()).as("at most 2 a second, newest start first").containsExactly(DECLINED_3, DECLINED_2);
    assertThat(harness.replies.isEmpty()).isTrue();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(redriven()).containsExactly(DECLINED_3, DECLINED_2, DECLINED_1);
    var report = report(harness.replies.readValue());
    assertThat(report.getRedriven()).extracting(RedrivenExecution::getExecutionArn, RedrivenExecution::getRedriveCount, RedrivenExecution::getRedriveDate)
        .containsExactly(
            tuple(DECLINED_1.value(), 1, T0.plusSeconds(2).toEpochMilli()),
            tuple(DECLINED_2.value(), 1, T0.plusSeconds(1).toEpochMilli()),
            tuple(DECLINED_3.value(), 1, T0.plusSeconds(1).toEpochMilli()));
    assertThat(report.getSkipped()).extracting(SkippedExecution::getExecutionArn).containsExactly(DECLINED_LONG_AGO.value());
    assertThat(report.getSkipped().get(0).getReason()).isEqualTo("Execution redrivable period exceeded");
    for (var untouched : List.of(DECLINED_LONG_AGO, DECLINED_RECENTLY, DECLINED_TWICE_REDRIVEN, OUT_OF_STOCK, SUCCEEDED, OTHER_MACHINE)) {
      assertThat(harness.fold(untouched).redrives().count()).as(untouched.name()).isEqualTo(untouched == DECLINED_TWICE_REDRIVEN ? 2 : 0);
    }
    assertThat(harness.fold(DECLINED_1).redrives().recentTokens()).extracting(use -> use.clientToken())
        .containsExactly(BulkRedriveTokens.clientToken("bulk-1"));
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldAnswerTheSameBulkRequestAgainWithTheSameReportAndChangeNothing() {
    harness.sendJson(ORDERS.value(), BULK, T0);
    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
    var first = harness.replies.readValue();
    var events = harness.history.readRecordsToList().size();

    harness.sendJson(ORDERS.value(), BULK, T0.plusSeconds(5));
    harness.driver.advanceWallClockTime(Duration.ofSeconds(5));

    assertThat(harness.replies.readValuesToList()).containsExactly(first);
    assertThat(events).isPositive();
    assertThat(harness.history.isEmpty()).as("no event after the repeat").isTrue();
  }

  @Test
  void shouldGiveTheOneReportAtCompletionWhenTheRequestIsRepeatedWhileInProgress() {
    harness.sendJson(ORDERS.value(), BULK, T0);
    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
    harness.sendJson(ORDERS.value(), BULK, T0.plusSeconds(1));
    assertThat(harness.replies.isEmpty()).isTrue();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(5));

    var replies = harness.replies.readValuesToList();
    assertThat(replies).hasSize(1);
    assertThat(report(replies.get(0)).getRedriven()).hasSize(3);
  }

  @Test
  void shouldRefuseAFilterThatIsNotOneWithAValidationError() {
    harness.sendJson(ORDERS.value(), """
        {"requestId": "bulk-bad", "executionArn": "%s", "command": {"BulkRedrive": {"statuses": ["SUCCEEDED"]}}}""".formatted(ORDERS), T0);

    var reply = harness.replies.readValue();
    assertThat(rejected(reply, "bulk-bad")).isEqualTo("ValidationException");
    harness.driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(redriven()).isEmpty();
  }

  @Test
  void shouldSendAPartReportOfABulkRedriveNotCoordinatedHereToDeadLetters() {
    var part = new BulkRedriveReport("bulk-unknown", ORDERS, List.of(), List.of(), false);

    harness.send(BulkRedriveAvro.partReport(part, 0), T0);

    assertThat(harness.deadLetters.readRecord().headers().lastHeader(DeadLetters.REASON).value())
        .asString(StandardCharsets.UTF_8).contains("bulk-unknown");
    assertThat(harness.replies.isEmpty()).isTrue();
  }

  @Test
  void shouldSendEachShardToItsPartitionAndEverythingElseByKey() {
    var partitioner = BulkRedriveNodes.shardsToTheirPartition();
    var bulk = BulkRedriveCommand.newBuilder().setMaxPerSecond(6).build();
    var shard = BulkRedriveAvro.shard("bulk-1", ORDERS, bulk, 4, 1);
    var part = BulkRedriveAvro.partReport(new BulkRedriveReport("bulk-1", ORDERS, List.of(), List.of(), false), 4);

    assertThat(partitioner.partitions("commands", ORDERS.value(), shard, 6)).contains(Set.of(4));
    assertThat(partitioner.partitions("commands", ORDERS.value(), part, 6)).isEmpty();
  }

  private static BulkRedriveReportReply report(ReplyRecord reply) {
    assertThat(reply.getRequestId()).isEqualTo("bulk-1");
    assertThat(reply.getExecutionArn()).isEqualTo(ORDERS.value());
    assertThat(reply.getOutcome()).isInstanceOf(BulkRedriveReportReply.class);
    return (BulkRedriveReportReply) reply.getOutcome();
  }

  private void fail(ExecutionArn execution, String error, Instant at) {
    start(execution, """
        {"StartAt": "Refuse", "States": {"Refuse": {"Type": "Fail", "Error": "%s", "Cause": "no"}}}""".formatted(error), at);
  }

  private void start(ExecutionArn execution, String definition, Instant at) {
    harness.sendJson(execution.value(), """
        {"requestId": "start-%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "roleArn": "%s",
          "definition": %s, "input": {}}}}""".formatted(execution.name(), execution, execution.stateMachine(), ROLE, definition), at);
  }

  /** The executions redriven so far, in the order of their ExecutionRedriven events. */
  private List<ExecutionArn> redriven() {
    return harness.historySoFar().stream()
        .filter(record -> record.timestamp() >= T0.toEpochMilli())
        .filter(record -> harness.codec.event(record.value()).type() == HistoryEventType.EXECUTION_REDRIVEN)
        .map(record -> new ExecutionArn(record.key()))
        .toList();
  }
}
