package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.statemachine.StateMachineCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Nested executions on Kafka: a Task state that calls StartExecution starts the child on its own key; the child reports
 * its start, its refusal and (for .sync) its end to the parent's task through the commands topic, in the shapes AWS
 * records (conformance cases callback.callback.start_execution_sync, ..._sync2, ..._sync_delegate_failure and
 * error_handling.task_service_sfn.start_execution_no_such_arn).
 */
class NestedExecutionProcessingTest extends TopologyTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StateMachineArn PARENTS = ArnFormat.DEFAULT.stateMachine("parents");
  private static final StateMachineArn CHILD = ArnFormat.DEFAULT.stateMachine("child");
  private static final ExecutionArn KID = CHILD.execution("kid");
  /** A child that waits on a worker's task and returns its result. */
  private static final String WORKING_CHILD = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "work", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}""";
  /** A child that ends in its first step. */
  private static final String PASSING_CHILD = """
      {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "made", "ResultPath": "$.made", "End": true}}}""";

  @Test
  void shouldSucceedTheSyncTaskWithTheChildsDescriptionAndItsInputAndOutputAsText() {
    createChild(WORKING_CHILD);
    var parent = startParent("sync", "startExecution.sync", "\"Name\": \"kid\", \"Input\": {\"order\": 7}", "");

    assertThat(harness.fold(parent).status()).isEqualTo(ExecutionStatus.RUNNING);
    var work = onlyTask();
    assertThat(work.getExecutionArn()).as("the child runs on its own key").isEqualTo(KID.value());
    harness.send(new Command.SendTaskSuccess("work-done", KID, new TaskToken(work.getTaskToken()), "{\"Payload\": {\"shipped\": true}}"),
        T0.plusSeconds(5));

    var run = harness.fold(parent);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    var output = run.output().orElseThrow();
    assertThat(fieldNames(output)).containsExactly("ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "StartDate",
        "StateMachineArn", "Status", "StopDate");
    assertThat(output.get("ExecutionArn").asText()).isEqualTo(KID.value());
    assertThat(output.get("Input").asText()).isEqualTo("{\"order\":7}");
    assertThat(output.get("Output").asText()).isEqualTo("{\"shipped\":true}");
    assertThat(output.get("InputDetails").toString()).isEqualTo("{\"Included\":true}");
    assertThat(output.get("Name").asText()).isEqualTo("kid");
    assertThat(output.get("StateMachineArn").asText()).isEqualTo(CHILD.value());
    assertThat(output.get("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(output.get("StartDate").asLong()).isEqualTo(T0.toEpochMilli());
    assertThat(output.get("StopDate").asLong()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
    assertThat(eventTypes(parent)).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(harness.tasks.isEmpty()).as("no task for a worker but the child's").isTrue();
  }

  @Test
  void shouldGiveTheChildsInputAndOutputAsJsonForSync2() {
    createChild(PASSING_CHILD);
    var parent = startParent("sync2", "startExecution.sync:2", "\"Name\": \"kid\", \"Input\": {\"order\": 7}", "");

    var output = harness.fold(parent).output().orElseThrow();
    assertThat(output.get("Input").toString()).isEqualTo("{\"order\":7}");
    assertThat(output.get("Output").toString()).isEqualTo("{\"order\":7,\"made\":\"made\"}");
    assertThat(output.get("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(harness.fold(KID).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldAnswerARequestResponseCallWithTheStartAndLeaveTheChildRunning() {
    createChild(WORKING_CHILD);
    var parent = startParent("fire-and-forget", "startExecution", "\"Name\": \"kid\", \"Input\": \"{\\\"order\\\": 7}\"", "");

    var run = harness.fold(parent);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().orElseThrow().toString())
        .isEqualTo("{\"ExecutionArn\":\"" + KID + "\",\"StartDate\":" + T0.toEpochMilli() + "}");
    var child = harness.fold(KID);
    assertThat(child.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(child.started().orElseThrow().input().toString()).as("text input passed as it is").isEqualTo("{\"order\":7}");
    assertThat(onlyTask().getExecutionArn()).isEqualTo(KID.value());
  }

  @Test
  void shouldFailTheSyncTaskWithStatesTaskFailedWhenTheChildFailsAndLetACatchSeeIt() {
    createChild("""
        {"StartAt": "Break", "States": {"Break": {"Type": "Fail", "Error": "Kid.Broke", "Cause": "it broke"}}}""");
    var parent = startParent("caught", "startExecution.sync", "\"Name\": \"kid\"",
        ", \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"ResultPath\": \"$.failure\", \"Next\": \"Handled\"}]");

    var run = harness.fold(parent);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    var failure = run.output().orElseThrow().get("failure");
    assertThat(failure.get("Error").asText()).isEqualTo("States.TaskFailed");
    var cause = json(failure.get("Cause").asText());
    assertThat(fieldNames(cause)).containsExactly("Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "StartDate",
        "StateMachineArn", "Status", "StopDate");
    assertThat(cause.get("Error").asText()).isEqualTo("Kid.Broke");
    assertThat(cause.get("Cause").asText()).isEqualTo("it broke");
    assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
    assertThat(cause.get("Input").asText()).as("no Input parameter: {}").isEqualTo("{}");
  }

  @Test
  void shouldFailTheTaskWithStepFunctionsStateMachineDoesNotExistExceptionWhenThereIsNoSuchStateMachine() {
    var parent = startParent("orphan", "startExecution.sync", "\"Name\": \"kid\"", "");

    var run = harness.fold(parent);
    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.error()).contains("StepFunctions.StateMachineDoesNotExistException");
    assertThat(run.cause().orElseThrow()).startsWith("State Machine Does Not Exist: '" + CHILD + "' (Service: AWSStepFunctions; "
        + "Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ").endsWith("; Proxy: null)");
    assertThat(eventTypes(parent)).contains(HistoryEventType.TASK_FAILED).doesNotContain(HistoryEventType.TASK_SUBMITTED);
  }

  @Test
  void shouldFailTheTaskWithStepFunctionsExecutionAlreadyExistsExceptionWhenTheNameIsTaken() {
    createChild(WORKING_CHILD);
    harness.sendJson(KID.value(), """
        {"requestId": "first", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s", "input": {"first": true}}}}"""
        .formatted(KID, CHILD), T0);
    var parent = startParent("taken", "startExecution", "\"Name\": \"kid\", \"Input\": {\"second\": true}", "");

    var run = harness.fold(parent);
    assertThat(run.error()).contains("StepFunctions.ExecutionAlreadyExistsException");
    assertThat(run.cause().orElseThrow()).startsWith("Execution Already Exists: '" + KID + "'");
    assertThat(harness.fold(KID).started().orElseThrow().input().toString()).isEqualTo("{\"first\":true}");
  }

  @Test
  void shouldStopTheSyncChildWhenTheParentIsStopped() {
    createChild(WORKING_CHILD);
    var parent = startParent("stopped", "startExecution.sync", "\"Name\": \"kid\"", "");
    assertThat(harness.fold(KID).status()).isEqualTo(ExecutionStatus.RUNNING);

    harness.send(new Command.StopExecution("stop-parent", parent, Optional.of("Operator"), Optional.of("enough")), T0.plusSeconds(3));

    assertThat(harness.fold(parent).status()).isEqualTo(ExecutionStatus.ABORTED);
    var child = harness.fold(KID);
    assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(child.stopDate()).contains(T0.plusSeconds(3));
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldStopTheSyncChildWhenTheTaskTimesOut() {
    createChild(WORKING_CHILD);
    var parent = startParent("slow", "startExecution.sync", "\"Name\": \"kid\"", ", \"TimeoutSeconds\": 5");

    harness.driver.advanceWallClockTime(Duration.ofSeconds(6));

    var run = harness.fold(parent);
    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.error()).contains("States.Timeout");
    assertThat(harness.fold(KID).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void shouldStartAWaitForTaskTokenChildAndLeaveTheAnswerToWhoeverHoldsTheToken() {
    createChild(PASSING_CHILD);
    var parent = startParent("callback", "startExecution.waitForTaskToken",
        "\"Input\": {\"token.$\": \"$$.Task.Token\"}", "");

    var children = harness.historySoFar().stream().map(record -> record.key()).filter(key -> !key.equals(parent.value())).distinct().toList();
    assertThat(children).as("one child, named by a UUID").singleElement().asString()
        .matches(CHILD.execution("").value() + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    var child = harness.fold(new ExecutionArn(children.get(0)));
    assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.fold(parent).status()).as("the child's end does not answer the task").isEqualTo(ExecutionStatus.RUNNING);

    var token = new TaskToken(child.output().orElseThrow().get("token").asText());
    harness.send(new Command.SendTaskSuccess("answer", parent, token, "{\"answered\": true}"), T0.plusSeconds(2));
    assertThat(harness.fold(parent).output().orElseThrow().toString()).isEqualTo("{\"answered\":true}");
  }

  private void createChild(String definition) {
    harness.send(StateMachineAvro.avro(new StateMachineCommand.CreateStateMachine("create-child", CHILD, "child", definition, ROLE,
        ExecutionType.STANDARD, false, Optional.empty())), T0);
    harness.replies.readRecordsToList();
  }

  /** Starts a parent whose one Task state calls {@code resource} with the child's ARN and {@code parameters}. */
  private ExecutionArn startParent(String name, String resource, String parameters, String handling) {
    var definition = """
        {"StartAt": "Nest", "States": {
          "Nest": {"Type": "Task", "Resource": "arn:aws:states:::states:%s",
            "Parameters": {"StateMachineArn": "%s", %s}, "End": true %s}%s}}""".formatted(resource, CHILD, parameters, handling,
        !handling.contains("Handled") ? "" : ", \"Handled\": {\"Type\": \"Pass\", \"End\": true}");
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var execution = PARENTS.execution(name);
    harness.send(new Command.StartExecution("start-" + name, execution, PARENTS, ExecutionType.STANDARD, parsed.definition(), "{}", ROLE), T0);
    return execution;
  }

  private TaskDispatchRecord onlyTask() {
    var tasks = harness.tasks.readValuesToList();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private List<HistoryEventType> eventTypes(ExecutionArn execution) {
    return harness.historySoFar().stream().filter(record -> record.key().equals(execution.value()))
        .map(record -> harness.codec.event(record.value()).type()).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Expected JSON text, but got " + text, e);
    }
  }
}
