package dev.stepfold.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateMachineDeciderTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final String PASS = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}""";
  private static final String SUCCEED = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""";

  private final StateMachineDecider decider = new StateMachineDecider();

  @Test
  void shouldCreateTheStateMachineAndPublishVersionOne() {
    var decision = decider.decide(Optional.empty(), create("r-1", PASS, true), T0);

    assertThat(decision.written()).extracting(StateMachine::key).containsExactly(ORDERS.value(), ORDERS.value() + ":1");
    var created = decision.written().get(0);
    assertThat(created.latestVersion()).isEqualTo(1);
    assertThat(created.latestVersionRevisionId()).contains(created.revisionId());
    assertThat(decision.written().get(1).definition()).isEqualTo(PASS);
    var reply = accepted(decision);
    assertThat(reply.data().get("stateMachineArn").asText()).isEqualTo(ORDERS.value());
    assertThat(reply.data().get("stateMachineVersionArn").asText()).isEqualTo(ORDERS.value() + ":1");
    assertThat(reply.data().get("creationDate").decimalValue()).isEqualByComparingTo("1767607200");
  }

  @Test
  void shouldAnswerARepeatedCreateAsTheFirstAndWriteNothing() {
    var created = decider.decide(Optional.empty(), create("r-1", PASS, false), T0).written().get(0);

    var repeat = decider.decide(Optional.of(created), create("r-2", PASS, false), T0.plusSeconds(5));

    assertThat(repeat.written()).isEmpty();
    assertThat(accepted(repeat).data().get("creationDate").decimalValue()).isEqualByComparingTo("1767607200");
  }

  @Test
  void shouldRefuseACreateOfAnotherDefinitionUnderATakenName() {
    var created = decider.decide(Optional.empty(), create("r-1", PASS, false), T0).written().get(0);

    var other = decider.decide(Optional.of(created), create("r-2", SUCCEED, false), T0);

    assertThat(other.written()).isEmpty();
    assertThat(other.reply()).isEqualTo(new Reply.Rejected(ApiError.STATE_MACHINE_ALREADY_EXISTS,
        "State Machine Already Exists: '" + ORDERS + "'"));
  }

  @Test
  void shouldRefuseAnInvalidDefinitionWithTheParsersMessage() {
    var decision = decider.decide(Optional.empty(), create("r-1", "{\"StartAt\": \"Nowhere\", \"States\": {}}", false), T0);

    assertThat(decision.written()).isEmpty();
    var rejected = (Reply.Rejected) decision.reply();
    assertThat(rejected.error()).isEqualTo(ApiError.INVALID_DEFINITION);
    assertThat(rejected.message()).startsWith("Invalid State Machine Definition: '");
  }

  @Test
  void shouldRefuseANameAwsRefuses() {
    var arn = new StateMachineArn(ORDERS.value().replace("orders", "or ders"));
    var decision = decider.decide(Optional.empty(),
        new StateMachineCommand.CreateStateMachine("r-1", arn, "or ders", PASS, ROLE, ExecutionType.STANDARD, false, Optional.empty()), T0);

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.INVALID_NAME, "Invalid Name: 'or ders'"));
  }

  @Test
  void shouldRefuseAVersionDescriptionWithoutPublish() {
    var decision = decider.decide(Optional.empty(),
        new StateMachineCommand.CreateStateMachine("r-1", ORDERS, "orders", PASS, ROLE, ExecutionType.STANDARD, false, Optional.of("v")), T0);

    assertThat(((Reply.Rejected) decision.reply()).error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
  }

  @Test
  void shouldRefuseAnUpdateOfAStateMachineThatDoesNotExist() {
    var decision = decider.decide(Optional.empty(), update("r-1", Optional.of(PASS), true), T0);

    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(ApiError.STATE_MACHINE_DOES_NOT_EXIST,
        "State Machine Does Not Exist: '" + ORDERS + "'"));
  }

  @Test
  void shouldRefuseAnUpdateWithNeitherDefinitionNorRole() {
    var created = decider.decide(Optional.empty(), create("r-1", PASS, false), T0).written().get(0);

    var decision = decider.decide(Optional.of(created), update("r-2", Optional.empty(), false), T0);

    assertThat(((Reply.Rejected) decision.reply()).error()).isEqualTo(ApiError.MISSING_REQUIRED_PARAMETER);
  }

  @Test
  void shouldPublishTheNextVersionOnAnUpdateAndKeepTheCreationDate() {
    var created = decider.decide(Optional.empty(), create("r-1", PASS, true), T0).written().get(0);

    var decision = decider.decide(Optional.of(created), update("r-2", Optional.of(SUCCEED), true), T0.plusSeconds(60));

    assertThat(decision.written()).extracting(StateMachine::key).containsExactly(ORDERS.value(), ORDERS.value() + ":2");
    var updated = decision.written().get(0);
    assertThat(updated.definition()).isEqualTo(SUCCEED);
    assertThat(updated.creationDate()).isEqualTo(T0);
    assertThat(updated.updateDate()).isEqualTo(T0.plusSeconds(60));
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
    var reply = accepted(decision);
    assertThat(reply.data().get("revisionId").asText()).isEqualTo(updated.revisionId());
    assertThat(reply.data().get("stateMachineVersionArn").asText()).isEqualTo(ORDERS.value() + ":2");
  }

  @Test
  void shouldAnswerTheExistingVersionWhenTheSameRevisionIsPublishedAgain() {
    var written = decider.decide(Optional.empty(), create("r-1", PASS, true), T0).written();
    var records = StateMachineRecords.of(Optional.of(written.get(0)), Map.of(1L, written.get(1)));

    var decision = decider.decide(records, update("r-2", Optional.of(PASS), true), T0.plusSeconds(60));

    assertThat(decision.written()).extracting(StateMachine::key).containsExactly(ORDERS.value());
    assertThat(accepted(decision).data().get("stateMachineVersionArn").asText()).isEqualTo(ORDERS.value() + ":1");
  }

  private static StateMachineCommand.CreateStateMachine create(String requestId, String definition, boolean publish) {
    return new StateMachineCommand.CreateStateMachine(requestId, ORDERS, "orders", definition, ROLE, ExecutionType.STANDARD, publish,
        Optional.empty());
  }

  private static StateMachineCommand.UpdateStateMachine update(String requestId, Optional<String> definition, boolean publish) {
    return new StateMachineCommand.UpdateStateMachine(requestId, ORDERS, definition, Optional.empty(), publish, Optional.empty());
  }

  private static Reply.Accepted accepted(StateMachineDecision decision) {
    assertThat(decision.reply()).isInstanceOf(Reply.Accepted.class);
    return (Reply.Accepted) decision.reply();
  }
}
