package dev.stepfold.streams;

import static dev.stepfold.streams.TopologyHarness.accepted;
import static dev.stepfold.streams.TopologyHarness.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.ResolveStartExecutionCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StateMachineRecord;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The state machine as a resource in the topology: versions, aliases, tags and deletion decided on the state machine's
 * key, and starts that the global store cannot complete yet (it follows {@code stepfold.state-machines} behind the
 * task that wrote it) completed by that key. The driver's global store never lags on its own, so these tests make it
 * lag: they write to the state-machines topic what a global store that has not caught up would show.
 */
class StateMachineResourceProcessingTest extends TopologyTest {
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final String WAITS = """
      {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 60, "End": true}}}""";

  @Test
  void shouldStartAStateMachineTheGlobalStoreDoesNotShowYetFromItsOwnKey() {
    create("r-1", making("created"), false);
    harness.showInGlobalStore(ORDERS.value(), null, T0);

    var execution = ORDERS.execution("right-after");
    startByArn("r-2", execution, ORDERS.value());

    assertThat(harness.internalCommands.readRecordsToList()).extracting(TestRecord::key, record -> record.value().getCommand().getClass())
        .containsExactly(tuple(ORDERS.value(), ResolveStartExecutionCommand.class), tuple(execution.value(), StartExecutionCommand.class));
    assertThat(accepted(last(harness.replies.readValuesToList()), "r-2")).contains("\"executionArn\":\"" + execution + "\"");
    var run = harness.fold(execution);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().orElseThrow().get("made").asText()).isEqualTo("created");
    assertThat(run.started().orElseThrow().stateMachineVersionArn()).isEmpty();
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldStartAVersionTheGlobalStoreDoesNotShowYetAndRecordIt() {
    create("r-1", making("one"), true);
    harness.showInGlobalStore(ORDERS + ":1", null, T0);

    var execution = ORDERS.execution("version-right-after");
    startByArn("r-2", execution, ORDERS + ":1");

    accepted(last(harness.replies.readValuesToList()), "r-2");
    var started = harness.fold(execution).started().orElseThrow();
    assertThat(started.stateMachineArn()).isEqualTo(ORDERS);
    assertThat(started.stateMachineVersionArn()).contains(ORDERS + ":1");
    assertThat(started.stateMachineAliasArn()).isEmpty();
  }

  @Test
  void shouldStartAnAliasTheGlobalStoreDoesNotShowYetAndRecordAliasAndVersion() {
    create("r-1", making("one"), true);
    var withoutAlias = lastRecord(ORDERS.value());
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-2", "executionArn": "%s", "command": {"CreateStateMachineAlias": {"name": "live",
          "routingConfiguration": [{"stateMachineVersionArn": "%s:1", "weight": 100}]}}}""".formatted(ORDERS, ORDERS), T0);
    assertThat(accepted(last(harness.replies.readValuesToList()), "r-2")).contains("\"stateMachineAliasArn\":\"" + ORDERS + ":live\"");
    harness.showInGlobalStore(ORDERS.value(), withoutAlias, T0);

    var execution = ORDERS.execution("alias-right-after");
    startByArn("r-3", execution, ORDERS + ":live");

    accepted(last(harness.replies.readValuesToList()), "r-3");
    var started = harness.fold(execution).started().orElseThrow();
    assertThat(started.stateMachineAliasArn()).contains(ORDERS + ":live");
    assertThat(started.stateMachineVersionArn()).contains(ORDERS + ":1");
  }

  @Test
  void shouldAnswerAStartOfWhatNeitherStoreKnowsWithTheStartsRequestId() {
    create("r-1", making("one"), false);

    startByArn("r-2", ORDERS.execution("no-version"), ORDERS + ":4");
    startByArn("r-3", ORDERS.execution("no-alias"), ORDERS + ":prod");
    startByArn("r-4", ArnFormat.DEFAULT.stateMachine("nobody").execution("nothing"), ArnFormat.DEFAULT.stateMachine("nobody").value());

    var replies = harness.replies.readValuesToList();
    assertThat(rejected(replies.get(1), "r-2")).isEqualTo("StateMachineDoesNotExist");
    assertThat(((RejectedReply) replies.get(1).getOutcome()).getMessage()).isEqualTo("State Machine Does Not Exist: '" + ORDERS + ":4'");
    assertThat(rejected(replies.get(2), "r-3")).isEqualTo("StateMachineDoesNotExist");
    assertThat(rejected(replies.get(3), "r-4")).isEqualTo("StateMachineDoesNotExist");
    assertThat(replies.get(3).getExecutionArn()).as("answered under the execution's ARN")
        .isEqualTo(ArnFormat.DEFAULT.stateMachine("nobody").execution("nothing").value());
    assertThat(harness.history.isEmpty()).isTrue();
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldRunAnExpressStateMachineFoundOnItsKeyUnderAnExpressArn() {
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-1", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "orders", "roleArn": "%s",
          "definition": %s, "type": "EXPRESS"}}}""".formatted(ORDERS, ROLE, making("quick")), T0);
    harness.showInGlobalStore(ORDERS.value(), null, T0);

    startByArn("r-2", ORDERS.execution("quick"), ORDERS.value());

    var reply = accepted(last(harness.replies.readValuesToList()), "r-2");
    assertThat(reply).contains("\"executionArn\":\"" + ORDERS.value().replace("stateMachine", "express") + ":quick:");
  }

  @Test
  void shouldDeleteAStateMachineWithItsVersionsAndAliasesAndRefuseStartsOfItWhileItsExecutionsRun() {
    create("r-1", WAITS, true);
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-2", "executionArn": "%s", "command": {"UpdateStateMachine": {"definition": %s, "publish": true}}}"""
        .formatted(ORDERS, making("two")), T0);
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-3", "executionArn": "%s", "command": {"CreateStateMachineAlias": {"name": "live", "description": "all",
          "routingConfiguration": [{"stateMachineVersionArn": "%s:1", "weight": 50}, {"stateMachineVersionArn": "%s:2", "weight": 50}]}}}"""
        .formatted(ORDERS, ORDERS, ORDERS), T0);
    var waiting = ORDERS.execution("waiting");
    startByArn("r-4", waiting, ORDERS + ":1");
    harness.stateMachines.readRecordsToList();

    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-5", "executionArn": "%s", "command": {"DeleteStateMachine": {}}}""".formatted(ORDERS), T0.plusSeconds(1));

    assertThat(accepted(last(harness.replies.readValuesToList()), "r-5")).isEqualTo("{}");
    var written = harness.stateMachines.readRecordsToList();
    assertThat(written).extracting(TestRecord::key).containsExactly(ORDERS.value(), ORDERS + ":1", ORDERS + ":2");
    assertThat(written.get(0).value().getStatus()).isEqualTo("DELETING");
    assertThat(written.get(0).value().getAliases()).isEmpty();
    assertThat(written.get(0).value().getDeletionWaitsFor()).containsExactly(0);
    assertThat(written.subList(1, 3)).extracting(TestRecord::value).as("tombstones").containsOnlyNulls();

    startByArn("r-6", ORDERS.execution("too-late"), ORDERS.value());
    startByArn("r-7", ORDERS.execution("too-late-version"), ORDERS + ":1");
    var replies = harness.replies.readValuesToList();
    assertThat(rejected(replies.get(0), "r-6")).isEqualTo("StateMachineDeleting");
    assertThat(rejected(replies.get(1), "r-7")).isEqualTo("StateMachineDeleting");
    assertThat(harness.stateMachines.isEmpty()).as("DELETING while an execution runs").isTrue();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(80));

    assertThat(harness.fold(waiting).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.stateMachines.readRecordsToList()).as("deleted once its last execution closed")
        .extracting(TestRecord::key, TestRecord::value).containsExactly(tuple(ORDERS.value(), null));
    create("r-8", making("again"), false);
    assertThat(accepted(last(harness.replies.readValuesToList()), "r-8")).as("the name can be taken again").contains(ORDERS.value());
  }

  @Test
  void shouldDeleteAStateMachineWithoutRunningExecutionsAtOnce() {
    create("r-1", making("one"), false);
    var done = ORDERS.execution("done");
    startByArn("r-2", done, ORDERS.value());
    assertThat(harness.fold(done).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    harness.stateMachines.readRecordsToList();

    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-3", "executionArn": "%s", "command": {"DeleteStateMachine": {}}}""".formatted(ORDERS), T0.plusSeconds(1));

    assertThat(harness.stateMachines.readRecordsToList()).extracting(TestRecord::key, record -> record.value() == null ? null : record.value().getStatus())
        .containsExactly(tuple(ORDERS.value(), "DELETING"), tuple(ORDERS.value(), null));
    assertThat(harness.replies.readValuesToList()).extracting(ReplyRecord::getRequestId).as("the checks between tasks get no reply")
        .containsExactly("r-1", "r-2", "r-3");
  }

  @Test
  void shouldPublishTagAndUntagFromJsonCommands() {
    create("r-1", making("one"), false);
    harness.stateMachines.readRecordsToList();

    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-2", "executionArn": "%s", "command": {"PublishStateMachineVersion": {"description": "first"}}}"""
        .formatted(ORDERS), T0);
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-3", "executionArn": "%s", "command": {"TagResource": {"tags": [{"key": "team", "value": "orders"},
          {"key": "tier", "value": "1"}]}}}""".formatted(ORDERS), T0);
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-4", "executionArn": "%s", "command": {"UntagResource": {"tagKeys": ["tier"]}}}""".formatted(ORDERS), T0);
    var activity = ArnFormat.DEFAULT.activity("work").value();
    harness.sendJson(activity, """
        {"requestId": "r-5", "executionArn": "%s", "command": {"TagResource": {"tags": [{"key": "a", "value": "b"}]}}}"""
        .formatted(activity), T0);

    var replies = harness.replies.readValuesToList();
    assertThat(accepted(replies.get(1), "r-2")).contains("\"stateMachineVersionArn\":\"" + ORDERS + ":1\"");
    accepted(replies.get(2), "r-3");
    accepted(replies.get(3), "r-4");
    assertThat(rejected(replies.get(4), "r-5")).isEqualTo("ResourceNotFound");
    var written = harness.stateMachines.readRecordsToList();
    assertThat(written).extracting(TestRecord::key).containsExactly(ORDERS.value(), ORDERS + ":1", ORDERS.value(), ORDERS.value());
    assertThat(written.get(1).value().getDescription()).isEqualTo("first");
    assertThat(written.get(3).value().getTags()).extracting(tag -> tag.getKey() + "=" + tag.getValue()).containsExactly("team=orders");
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  private void create(String requestId, String definition, boolean publish) {
    harness.sendJson(ORDERS.value(), """
        {"requestId": "%s", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "orders", "roleArn": "%s",
          "definition": %s, "publish": %s}}}""".formatted(requestId, ORDERS, ROLE, definition, publish), T0);
  }

  private StateMachineRecord lastRecord(String key) {
    var records = harness.stateMachines.readRecordsToList();
    return records.stream().filter(record -> record.key().equals(key)).reduce((first, second) -> second).orElseThrow().value();
  }

  private void startByArn(String requestId, ExecutionArn execution, String stateMachineArn) {
    harness.sendJson(execution.value(), """
        {"requestId": "%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": {}}}}"""
        .formatted(requestId, execution, stateMachineArn), T0.plusSeconds(10));
  }

  private static <T> T last(List<T> values) {
    return values.get(values.size() - 1);
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  private static String making(String made) {
    return """
        {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "%s", "ResultPath": "$.made", "End": true}}}""".formatted(made);
  }
}
