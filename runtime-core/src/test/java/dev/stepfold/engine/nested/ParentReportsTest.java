package dev.stepfold.engine.nested;

import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.Origin.ParentTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.TaskToken;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reports' shapes are those of the conformance cases callback.callback.start_execution_sync* and ..._no_such_arn. */
class ParentReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutionArn PARENT = ArnFormat.DEFAULT.stateMachine("parents").execution("p-1");
  private static final StateMachineArn CHILD_MACHINE = ArnFormat.DEFAULT.stateMachine("child");
  private static final ExecutionArn CHILD = CHILD_MACHINE.execution("kid");
  private static final TaskToken TOKEN = TaskToken.of(PARENT, 3);
  private static final Instant STARTED = Instant.parse("2026-01-05T10:00:00.123Z");
  private static final Instant STOPPED = Instant.parse("2026-01-05T10:00:07Z");

  @Test
  void shouldAnswerARequestResponseCallWithTheStartAndSubmitTheOthers() {
    var answered = (Command.SendTaskSuccess) ParentReports.started(parent(IntegrationPattern.REQUEST_RESPONSE), CHILD, STARTED, "r");
    var submitted = (Command.ReportTaskSubmitted) ParentReports.started(parent(IntegrationPattern.SYNC), CHILD, STARTED, "r");

    var expected = "{\"ExecutionArn\":\"" + CHILD + "\",\"StartDate\":" + STARTED.toEpochMilli() + "}";
    assertThat(answered.output()).isEqualTo(expected);
    assertThat(submitted.output()).isEqualTo(expected);
    assertThat(submitted.taskToken()).isEqualTo(TOKEN);
    assertThat(submitted.executionArn()).isEqualTo(PARENT);
  }

  @Test
  void shouldFailARefusedStartWithTheSdksExceptionName() {
    var failure = ParentReports.refused(parent(IntegrationPattern.SYNC), "StateMachineDoesNotExist", "State Machine Does Not Exist: 'x'", "req-9");

    assertThat(failure.error()).contains("StepFunctions.StateMachineDoesNotExistException");
    assertThat(failure.cause()).contains("State Machine Does Not Exist: 'x' (Service: AWSStepFunctions; Status Code: 400; "
        + "Error Code: StateMachineDoesNotExist; Request ID: req-9; Proxy: null)");
  }

  @Test
  void shouldDescribeASucceededChildWithTextForSyncAndJsonForSync2() {
    var summary = summary(ExecutionStatus.SUCCEEDED, Optional.of(json("{\"done\":true}")), Optional.empty(), Optional.empty());

    var text = json(((Command.SendTaskSuccess) ParentReports.closed(parent(IntegrationPattern.SYNC), summary, "r")).output());
    var parsed = json(((Command.SendTaskSuccess) ParentReports.closed(parent(IntegrationPattern.SYNC_2), summary, "r")).output());

    assertThat(text.toString()).isEqualTo(("{\"ExecutionArn\":\"%s\",\"Input\":\"{\\\"a\\\":1}\",\"InputDetails\":{\"Included\":true},"
        + "\"Name\":\"kid\",\"Output\":\"{\\\"done\\\":true}\",\"OutputDetails\":{\"Included\":true},\"StartDate\":%d,"
        + "\"StateMachineArn\":\"%s\",\"Status\":\"SUCCEEDED\",\"StopDate\":%d}")
        .formatted(CHILD, STARTED.toEpochMilli(), CHILD_MACHINE, STOPPED.toEpochMilli()));
    assertThat(parsed.get("Input").toString()).isEqualTo("{\"a\":1}");
    assertThat(parsed.get("Output").toString()).isEqualTo("{\"done\":true}");
  }

  @Test
  void shouldFailTheTaskWithStatesTaskFailedAndTheChildsDescriptionWhenItFailed() {
    var summary = summary(ExecutionStatus.FAILED, Optional.empty(), Optional.of("SomeFailure"), Optional.of("it failed"));

    var failure = (Command.SendTaskFailure) ParentReports.closed(parent(IntegrationPattern.SYNC), summary, "r");

    assertThat(failure.error()).contains("States.TaskFailed");
    var cause = json(failure.cause().orElseThrow());
    assertThat(cause.fieldNames()).toIterable().containsExactly("Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name",
        "StartDate", "StateMachineArn", "Status", "StopDate");
    assertThat(cause.get("Error").asText()).isEqualTo("SomeFailure");
    assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
  }

  @Test
  void shouldLeaveOutTheCauseOfAChildThatFailedWithoutOne() {
    var summary = summary(ExecutionStatus.TIMED_OUT, Optional.empty(), Optional.of("States.Timeout"), Optional.empty());

    var cause = json(((Command.SendTaskFailure) ParentReports.closed(parent(IntegrationPattern.SYNC), summary, "r")).cause().orElseThrow());

    assertThat(cause.has("Cause")).isFalse();
    assertThat(cause.get("Error").asText()).isEqualTo("States.Timeout");
    assertThat(cause.get("Status").asText()).isEqualTo("TIMED_OUT");
  }

  @Test
  void shouldNotReportAClosedChildToATaskThatDoesNotWaitForIt() {
    var summary = summary(ExecutionStatus.SUCCEEDED, Optional.of(json("{}")), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> ParentReports.closed(parent(IntegrationPattern.WAIT_FOR_TASK_TOKEN), summary, "r"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ParentTask parent(IntegrationPattern pattern) {
    return new ParentTask(PARENT, TOKEN, pattern);
  }

  private static ExecutionSummary summary(ExecutionStatus status, Optional<JsonNode> output, Optional<String> error, Optional<String> cause) {
    return new ExecutionSummary(CHILD, CHILD_MACHINE, "kid", ExecutionType.STANDARD, status, STARTED, Optional.of(STOPPED),
        json("{\"a\":1}"), output, error, cause, Optional.empty(), Optional.empty(), 0, Optional.empty(), "NOT_REDRIVEN");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
