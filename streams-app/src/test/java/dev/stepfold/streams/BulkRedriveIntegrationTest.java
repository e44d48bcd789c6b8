package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RedrivenExecution;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, exactly-once, three partitions: a JSON bulk redrive redrives the failed executions of a state
 * machine wherever their partitions are, answers with one report, and sent again answers the same and redrives nothing.
 */
class BulkRedriveIntegrationTest {
  private static final String TENANT = "bulk";
  private static final String FAILING = """
      {"StartAt": "Refuse", "States": {"Refuse": {"Type": "Fail", "Error": "Payment.Declined", "Cause": "no"}}}""";
  private static final String SUCCEEDING = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""";

  @TempDir
  Path dataDir;

  @Test
  @Timeout(120)
  void shouldRedriveTheFailedExecutionsOfEveryPartitionOnceAndAnswerARepeatWithTheSameReport() throws Exception {
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    var failed = IntStream.range(0, 8).mapToObj(i -> orders.execution("failed-" + i)).toList();
    var succeeded = orders.execution("succeeded");
    assertThat(failed.stream().map(execution -> KeyPartitioning.partition(execution.value(), 3)).distinct().count())
        .as("partitions the failed executions are on")
        .isGreaterThan(1);
    try (var broker = BrokerFixture.start(dataDir);
        var runtime = broker.runtime(TENANT, Map.of());
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      for (var execution : failed) {
        broker.startExecution(TENANT, execution.value(), orders.value(), FAILING, "{}");
      }
      broker.startExecution(TENANT, succeeded.value(), orders.value(), SUCCEEDING, "{}");
      history.readUntil(byKey -> failed.stream().allMatch(e -> types(byKey.get(e.value())).contains("ExecutionFailed")));

      var bulk = """
          {"requestId": "bulk-1", "executionArn": "%s", "command": {"BulkRedrive": {"error": "Payment.Declined", "maxPerSecond": 30}}}"""
          .formatted(orders);
      broker.sendJson(TENANT, orders.value(), bulk);
      var first = replies.readUntil(byKey -> byKey.containsKey(orders.value())).get(orders.value()).get(0);
      broker.sendJson(TENANT, orders.value(), bulk);
      var both = replies.readUntil(byKey -> byKey.get(orders.value()).size() == 2).get(orders.value());

      var report = report(first);
      assertThat(report.getRedriven()).extracting(RedrivenExecution::getExecutionArn)
          .containsExactlyElementsOf(failed.stream().map(ExecutionArn::value).sorted().toList());
      assertThat(report.getRedriven()).extracting(RedrivenExecution::getRedriveCount).containsOnly(1);
      assertThat(report.getSkipped()).isEmpty();
      assertThat(both.get(1)).isEqualTo(first);
      var events = history.readRest();
      for (var execution : failed) {
        assertThat(types(events.get(execution.value()))).as(execution.name()).containsOnlyOnce("ExecutionRedriven");
      }
      assertThat(types(events.get(succeeded.value()))).doesNotContain("ExecutionRedriven");
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  private static BulkRedriveReportReply report(ReplyRecord reply) {
    assertThat(reply.getRequestId()).isEqualTo("bulk-1");
    assertThat(reply.getOutcome()).isInstanceOf(BulkRedriveReportReply.class);
    return (BulkRedriveReportReply) reply.getOutcome();
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events == null ? List.of() : events.stream().map(event -> event.getType().name()).toList();
  }
}
