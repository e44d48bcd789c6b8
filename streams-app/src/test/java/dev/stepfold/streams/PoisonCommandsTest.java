package dev.stepfold.streams;

import static dev.stepfold.streams.TopologyHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records on the commands topic, as kcat or a broken producer writes them: a command whose request id can be read
 * is answered with the AWS error AWS would give; a record that cannot be answered is a dead letter with its reason; and
 * the next good command is processed.
 */
class PoisonCommandsTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
  static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:o-1";
  static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  static final String WAIT = "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 60, \"End\": true}}}";

  @TempDir
  Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void open() {
    harness = new TopologyHarness(stateDir, T0);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  static String start(String requestId, String executionArn, String fields) {
    return "{\"requestId\": \"" + requestId + "\", \"executionArn\": \"" + executionArn + "\", \"command\": {\"StartExecution\": {" + fields + "}}}";
  }

  static String ownDefinition(String input) {
    return "\"stateMachineArn\": \"" + MACHINE + "\", \"definition\": " + WAIT + ", \"roleArn\": \"" + ROLE + "\", \"input\": " + input;
  }

  private RejectedReply rejected(String requestId) {
    ReplyRecord reply = harness.replies.readValue();
    assertThat(reply.getRequestId()).isEqualTo(requestId);
    assertThat(reply.getOutcome()).isInstanceOf(RejectedReply.class);
    return (RejectedReply) reply.getOutcome();
  }

  private void goodCommandIsStillProcessed() {
    harness.sendJson(EXECUTION, start("good", EXECUTION, ownDefinition("{}")), T0);
    assertThat(accepted(harness.replies.readValue(), "good")).contains("\"executionArn\"");
  }

  @Test
  void shouldAnswerAStartWithItsOwnDefinitionButNoRoleArnWithAValidationException() {
    harness.sendJson(EXECUTION, start("no-role", EXECUTION,
        "\"stateMachineArn\": \"" + MACHINE + "\", \"definition\": " + WAIT + ", \"input\": {}"), T0);

    var rejected = rejected("no-role");
    assertThat(rejected.getErrorType()).isEqualTo("ValidationException");
    assertThat(rejected.getMessage()).isEqualTo(
        "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    assertThat(harness.deadLetters.isEmpty()).isTrue();
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerAStartMissingARequiredFieldWithAValidationExceptionNamingIt() {
    harness.sendJson(EXECUTION, start("no-machine", EXECUTION, "\"input\": {}"), T0);

    var rejected = rejected("no-machine");
    assertThat(rejected.getErrorType()).isEqualTo("ValidationException");
    assertThat(rejected.getMessage()).isEqualTo(
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null");
    assertThat(harness.deadLetters.isEmpty()).isTrue();
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerACommandOfAnUnknownTypeWithAValidationException() {
    harness.sendJson(EXECUTION, "{\"requestId\": \"launch\", \"executionArn\": \"" + EXECUTION + "\", \"command\": {\"Launch\": {}}}", T0);

    var rejected = rejected("launch");
    assertThat(rejected.getErrorType()).isEqualTo("ValidationException");
    assertThat(rejected.getMessage()).contains("but got 'Launch'");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerAStartWithAnInvalidStateMachineArnWithInvalidArn() {
    harness.sendJson(EXECUTION, start("bad-arn", EXECUTION, "\"stateMachineArn\": \"orders\", \"input\": {}"), T0);

    assertThat(rejected("bad-arn").getErrorType()).isEqualTo("InvalidArn");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerAStopOfAnInvalidExecutionArnWithInvalidArn() {
    harness.sendJson("not-an-arn", "{\"requestId\": \"stop\", \"executionArn\": \"not-an-arn\", \"command\": {\"StopExecution\": {}}}", T0);

    assertThat(rejected("stop").getErrorType()).isEqualTo("InvalidArn");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerAStartWhoseExecutionNameIsInvalidWithInvalidName() {
    var badName = "arn:aws:states:us-east-1:123456789012:execution:orders:" + "n".repeat(81);
    harness.sendJson(badName, start("long-name", badName, ownDefinition("{}")), T0);

    assertThat(rejected("long-name").getErrorType()).isEqualTo("InvalidName");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerAStartWithInputOverTheLimitWithInvalidExecutionInput() {
    harness.sendJson(EXECUTION, start("big", EXECUTION, ownDefinition("{\"text\": \"" + "x".repeat(262_144) + "\"}")), T0);

    assertThat(rejected("big").getErrorType()).isEqualTo("InvalidExecutionInput");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerCommandsForAnUnknownExecutionWithExecutionDoesNotExist() {
    var unknown = "arn:aws:states:us-east-1:123456789012:execution:orders:nobody";
    harness.sendJson(unknown, "{\"requestId\": \"stop\", \"executionArn\": \"" + unknown + "\", \"command\": {\"StopExecution\": {}}}", T0);
    harness.sendJson(unknown, "{\"requestId\": \"redrive\", \"executionArn\": \"" + unknown + "\", \"command\": {\"RedriveExecution\": {}}}", T0);

    assertThat(rejected("stop").getErrorType()).isEqualTo("ExecutionDoesNotExist");
    assertThat(rejected("redrive").getErrorType()).isEqualTo("ExecutionDoesNotExist");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldAnswerARedriveOfARunningExecutionWithExecutionNotRedrivable() {
    goodCommandIsStillProcessed();
    harness.sendJson(EXECUTION, "{\"requestId\": \"redrive\", \"executionArn\": \"" + EXECUTION + "\", \"command\": {\"RedriveExecution\": {}}}", T0);

    var rejected = rejected("redrive");
    assertThat(rejected.getErrorType()).isEqualTo("ExecutionNotRedrivable");
    assertThat(rejected.getMessage()).contains("RUNNING");
  }

  @Test
  void shouldAnswerACommandKeyedByAnotherExecutionWithAValidationException() {
    harness.sendJson("arn:aws:states:us-east-1:123456789012:execution:orders:other", start("wrong-key", EXECUTION, ownDefinition("{}")), T0);

    var rejected = rejected("wrong-key");
    assertThat(rejected.getErrorType()).isEqualTo("ValidationException");
    assertThat(rejected.getMessage()).contains("key");
    goodCommandIsStillProcessed();
  }

  @Test
  void shouldDeadLetterWhatCannotBeAnsweredAndGoOn() {
    harness.commands.pipeInput(new TestRecord<>(EXECUTION, new byte[] {0, 0, 0, 0, 99, 1, 2}, T0));   // Avro of an unknown schema
    harness.sendJson(EXECUTION, "{\"requestId\": \"truncated\", \"executionArn\": ", T0);              // JSON cut off
    harness.sendJson(EXECUTION, "{\"executionArn\": \"" + EXECUTION + "\", \"command\": {\"StopExecution\": {}}}", T0);   // no request id
    harness.commands.pipeInput(new TestRecord<>(EXECUTION, "\u00ff\u00fe garbage".getBytes(StandardCharsets.ISO_8859_1), T0));
    harness.commands.pipeInput(new TestRecord<String, byte[]>(EXECUTION, null, T0));

    var letters = harness.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(5);
    assertThat(letters).allSatisfy(letter -> assertThat(letter.headers().lastHeader(DeadLetters.REASON)).isNotNull());
    assertThat(harness.replies.isEmpty()).isTrue();
    goodCommandIsStillProcessed();
  }
}
