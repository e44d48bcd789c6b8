package dev.stepfold.streams;

import static dev.stepfold.streams.TopologyHarness.accepted;
import static dev.stepfold.streams.TopologyHarness.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.statemachine.StateMachineCommand;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class StateMachineCommandsTest extends TopologyTest {
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";

  @Test
  void shouldCreateAStateMachineFromAJsonCommandAndStartAnExecutionThatNamesOnlyItsArn() {
    harness.sendJson(ORDERS.value(), """
        {"requestId": "r-1", "executionArn": "%s", "command": {"CreateStateMachine": {"name": "orders", "roleArn": "%s",
          "definition": %s, "publish": true}}}""".formatted(ORDERS, ROLE, passing("created")), T0);

    var created = accepted(harness.replies.readValue(), "r-1");
    assertThat(created).contains("\"stateMachineVersionArn\":\"" + ORDERS + ":1\"");
    assertThat(harness.stateMachines.readRecordsToList()).extracting(TestRecord::key).containsExactly(ORDERS.value(), ORDERS + ":1");

    var execution = ORDERS.execution("by-arn");
    harness.sendJson(execution.value(), """
        {"requestId": "r-2", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": {"order": 7}}}}"""
        .formatted(execution, ORDERS), T0.plusSeconds(1));

    assertThat(accepted(harness.replies.readValue(), "r-2")).contains("\"executionArn\":\"" + execution + "\"");
    var run = harness.fold(execution);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().orElseThrow().toString()).isEqualTo("{\"order\":7,\"made\":\"created\"}");
    assertThat(run.started().orElseThrow().roleArn()).isEqualTo(ROLE);
  }

  @Test
  void shouldRunAVersionWithTheDefinitionItWasPublishedWith() {
    create("r-1", passing("one"), true);
    harness.send(StateMachineAvro.avro(new StateMachineCommand.UpdateStateMachine("r-2", ORDERS, Optional.of(passing("two")),
        Optional.empty(), false, Optional.empty())), T0.plusSeconds(1));
    assertThat(accepted(harness.replies.readValuesToList().get(1), "r-2")).contains("\"revisionId\"");

    startByArn("r-3", ORDERS.execution("version-1"), ORDERS + ":1");
    startByArn("r-4", ORDERS.execution("latest"), ORDERS.value());

    assertThat(harness.fold(ORDERS.execution("version-1")).output().orElseThrow().get("made").asText()).isEqualTo("one");
    assertThat(harness.fold(ORDERS.execution("latest")).output().orElseThrow().get("made").asText()).isEqualTo("two");
  }

  @Test
  void shouldPublishOneVersionAfterAnotherWhenUpdatesFollowEachOther() {
    create("r-1", passing("one"), true);
    for (var i = 2; i <= 4; i++) {
      harness.send(StateMachineAvro.avro(new StateMachineCommand.UpdateStateMachine("r-" + i, ORDERS, Optional.of(passing("v" + i)),
          Optional.empty(), true, Optional.of("version " + i))), T0.plusSeconds(i));
    }

    assertThat(harness.stateMachines.readRecordsToList()).extracting(TestRecord::key).containsExactly(
        ORDERS.value(), ORDERS + ":1", ORDERS.value(), ORDERS + ":2", ORDERS.value(), ORDERS + ":3", ORDERS.value(), ORDERS + ":4");
    var answers = harness.replies.readValuesToList();
    assertThat(accepted(answers.get(3), "r-4")).contains("\"stateMachineVersionArn\":\"" + ORDERS + ":4\"");
  }

  @Test
  void shouldAnswerAStartOfAStateMachineThatDoesNotExist() {
    startByArn("r-1", ORDERS.execution("nothing"), ORDERS.value());

    var reply = harness.replies.readValue();
    assertThat(rejected(reply, "r-1")).isEqualTo("StateMachineDoesNotExist");
    assertThat(((RejectedReply) reply.getOutcome()).getMessage()).isEqualTo("State Machine Does Not Exist: '" + ORDERS + "'");
    assertThat(harness.history.isEmpty()).isTrue();
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldRefuseAStartByArnOfALabelledArnOrForAnExecutionOfAnotherStateMachine() {
    create("r-1", passing("one"), false);

    startByArn("r-2", ORDERS.execution("labelled"), ORDERS + "/Each");
    startByArn("r-3", ArnFormat.DEFAULT.stateMachine("billing").execution("elsewhere"), ORDERS.value());

    var answers = harness.replies.readValuesToList();
    assertThat(rejected(answers.get(1), "r-2")).isEqualTo("ValidationException");
    assertThat(rejected(answers.get(2), "r-3")).isEqualTo("ValidationException");
    assertThat(harness.history.isEmpty()).isTrue();
  }

  @Test
  void shouldRefuseACreateOfAnotherDefinitionUnderTheSameNameAndAnInvalidDefinition() {
    create("r-1", passing("one"), false);
    harness.stateMachines.readRecordsToList();

    create("r-2", passing("other"), false);
    create("r-3", "{\"StartAt\": \"Nowhere\", \"States\": {}}", false);

    var answers = harness.replies.readValuesToList();
    assertThat(rejected(answers.get(1), "r-2")).isEqualTo("StateMachineAlreadyExists");
    assertThat(rejected(answers.get(2), "r-3")).isEqualTo("InvalidDefinition");
    assertThat(harness.stateMachines.isEmpty()).isTrue();
  }

  @Test
  void shouldKeepStartingExecutionsThatCarryTheirDefinition() {
    var execution = ORDERS.execution("carried");
    harness.sendJson(execution.value(), """
        {"requestId": "r-1", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "roleArn": "%s",
          "definition": %s, "input": {}}}}""".formatted(execution, ORDERS, ROLE, passing("carried")), T0);

    assertThat(harness.fold(execution).output().orElseThrow().get("made").asText()).isEqualTo("carried");
  }

  private void create(String requestId, String definition, boolean publish) {
    harness.send(StateMachineAvro.avro(new StateMachineCommand.CreateStateMachine(requestId, ORDERS, "orders", definition, ROLE,
        ExecutionType.STANDARD, publish, Optional.empty())), T0);
  }

  private void startByArn(String requestId, ExecutionArn execution, String stateMachineArn) {
    harness.sendJson(execution.value(), """
        {"requestId": "%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": {}}}}"""
        .formatted(requestId, execution, stateMachineArn), T0.plusSeconds(10));
  }

  private static String passing(String made) {
    return """
        {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "%s", "ResultPath": "$.made", "End": true}}}""".formatted(made);
  }
}
