package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.ExecutionRedrivenDetails;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RedrivenExecution;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, exactly-once, three partitions: executions that failed on version 1 of a state machine (its Pass
 * reads a path the input does not have) are redriven onto version 2, which reads the right one: one by a JSON
 * RedriveExecution naming the version, the others by a bulk redrive of every execution that failed on version 1. The
 * runtime looks the version up (at the state machine's own key when the global store does not show it yet); a version
 * that does not exist is refused; each ExecutionRedriven records the version, and each execution succeeds in version 2.
 */
class RedriveFixIntegrationTest {
  private static final String TENANT = "fix";
  private static final String VERSION_1 = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Pass", "Parameters": {"amount.$": "$.order.amount"}, "End": true}}}""";
  private static final String VERSION_2 = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Pass", "Parameters": {"amount.$": "$.order.total"}, "End": true}}}""";

  @TempDir
  Path dataDir;

  @Test
  @Timeout(180)
  void shouldRedriveExecutionsThatFailedOnOneVersionOntoTheNext() throws Exception {
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    var version1 = orders.value() + ":1";
    var version2 = orders.value() + ":2";
    var executions = IntStream.range(0, 4).mapToObj(i -> orders.execution("order-" + i)).toList();
    try (var broker = BrokerFixture.start(dataDir);
        var runtime = broker.runtime(TENANT, Map.of());
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      broker.sendJson(TENANT, orders.value(), """
          {"requestId": "create", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "orders",
            "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s, "publish": true}}}""".formatted(orders, VERSION_1));
      reply(replies, orders.value(), "create");
      for (var execution : executions) {
        broker.sendJson(TENANT, execution.value(), """
            {"requestId": "start-%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s",
              "input": {"order": {"total": 12}}}}}""".formatted(execution.name(), execution, version1));
      }
      history.readUntil(byKey -> executions.stream().allMatch(e -> types(byKey.get(e.value())).contains("ExecutionFailed")));
      broker.sendJson(TENANT, orders.value(), """
          {"requestId": "update", "executionArn": "%s", "command": {"UpdateStateMachine": {"definition": %s, "publish": true}}}"""
          .formatted(orders, VERSION_2));
      reply(replies, orders.value(), "update");

      // right after the update's reply: this task's view of the state machines may not show version 2 yet, and then the
      // state machine's own key looks it up
      var first = executions.get(0);
      broker.sendJson(TENANT, first.value(), """
          {"requestId": "redrive-onto-2", "executionArn": "%s", "command": {"RedriveExecution": {"ontoVersion": "%s"}}}"""
          .formatted(first, version2));
      var redriven = reply(replies, first.value(), "redrive-onto-2");
      assertThat(redriven.getOutcome()).as("the reply to the redrive onto version 2").isInstanceOf(AcceptedReply.class);
      var unknown = """
          {"requestId": "redrive-onto-9", "executionArn": "%s", "command": {"RedriveExecution": {"ontoVersion": "%s:9"}}}"""
          .formatted(executions.get(1), orders);
      broker.sendJson(TENANT, executions.get(1).value(), unknown);
      assertThat(((RejectedReply) reply(replies, executions.get(1).value(), "redrive-onto-9").getOutcome()).getErrorType())
          .isEqualTo("StateMachineDoesNotExist");
      history.readUntil(byKey -> types(byKey.get(first.value())).contains("ExecutionSucceeded"));

      broker.sendJson(TENANT, orders.value(), """
          {"requestId": "bulk-onto-2", "executionArn": "%s", "command": {"BulkRedrive": {"statuses": ["FAILED"],
            "stateMachineVersionArn": "%s", "ontoVersion": "%s"}}}""".formatted(orders, version1, version2));
      var report = (BulkRedriveReportReply) reply(replies, orders.value(), "bulk-onto-2").getOutcome();

      assertThat(report.getRedriven()).extracting(RedrivenExecution::getExecutionArn).as("the executions that still ran version 1")
          .containsExactlyElementsOf(executions.subList(1, 4).stream().map(ExecutionArn::value).sorted().toList());
      assertThat(report.getSkipped()).isEmpty();
      var events = history.readUntil(byKey -> executions.stream().allMatch(e -> types(byKey.get(e.value())).contains("ExecutionSucceeded")));
      for (var execution : executions) {
        var redrive = events.get(execution.value()).stream().filter(event -> event.getDetails() instanceof ExecutionRedrivenDetails)
            .map(event -> (ExecutionRedrivenDetails) event.getDetails()).toList();
        assertThat(redrive).as(execution.name()).hasSize(1);
        assertThat(redrive.get(0).getFix().getStateMachineVersionArn()).as(execution.name()).isEqualTo(version2);
      }
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  /** The reply to {@code requestId} under {@code key}, once it is there. */
  private static ReplyRecord reply(BrokerFixture.Reader<ReplyRecord> replies, String key, String requestId) {
    return replies.readUntil(byKey -> byKey.getOrDefault(key, List.of()).stream().anyMatch(reply -> reply.getRequestId().equals(requestId)))
        .get(key).stream().filter(reply -> reply.getRequestId().equals(requestId)).findFirst().orElseThrow();
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events == null ? List.of() : events.stream().map(event -> event.getType().name()).toList();
  }
}
