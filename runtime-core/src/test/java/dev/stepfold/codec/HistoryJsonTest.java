package dev.stepfold.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HistoryJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant AT = Instant.parse("2024-05-02T10:00:00.123Z");
  private static final JsonNode PAYLOAD = json("{\"a\": [1, 2], \"b\": \"x\"}");
  private static final Optional<String> NONE = Optional.empty();

  @ParameterizedTest
  @EnumSource(HistoryEventType.class)
  void shouldRenderEveryEventTypeWithItsDetailsMemberAndKeySet(HistoryEventType type) {
    var json = HistoryJson.toJson(new HistoryEvent(3, 2, AT, type, fullDetails(type)));

    var expectedKeys = new LinkedHashSet<>(List.of("timestamp", "type", "id", "previousEventId"));
    type.detailsMember().ifPresent(expectedKeys::add);
    assertThat(keys(json)).isEqualTo(expectedKeys);
    assertThat(json.get("type").asText()).isEqualTo(type.awsName());
    assertThat(json.get("id").asLong()).isEqualTo(3);
    assertThat(json.get("previousEventId").asLong()).isEqualTo(2);
    assertThat(json.get("timestamp").decimalValue()).isEqualByComparingTo("1714644000.123");
    type.detailsMember().ifPresent(member -> assertThat(keys(json.get(member))).isEqualTo(fullKeys(type)));
  }

  @Test
  void shouldRenderPayloadsAsJsonTextWithTheirTruncationFlags() {
    var json = HistoryJson.toJson(new HistoryEvent(2, 0, AT, HistoryEventType.TASK_STATE_ENTERED, new EventDetails.StateEntered("Charge", PAYLOAD)));

    assertThat(json.get("stateEnteredEventDetails")).isEqualTo(json("""
        {"name": "Charge", "input": "{\\"a\\":[1,2],\\"b\\":\\"x\\"}", "inputDetails": {"truncated": false}}"""));
  }

  @Test
  void shouldShowOnlyAwsMembersOfExecutionStarted() {
    var json = HistoryJson.toJson(new HistoryEvent(1, 0, AT, HistoryEventType.EXECUTION_STARTED, executionStarted(NONE, NONE)));

    assertThat(json.get("executionStartedEventDetails")).isEqualTo(json("""
        {"input": "{\\"a\\":[1,2],\\"b\\":\\"x\\"}", "inputDetails": {"truncated": false}, "roleArn": "arn:aws:iam::111111111111:role/r"}"""));
  }

  @Test
  void shouldShowARedrivesFixOnlyWhenStepfoldsExtensionsAreAskedFor() {
    var fix = new RedriveFix(Optional.empty(), Optional.of("Reserve"), Optional.of(new RedriveFix.InputCorrection.Merge(json("{\"card\": \"4242\"}"))));
    var event = new HistoryEvent(9, 0, AT, HistoryEventType.EXECUTION_REDRIVEN, new EventDetails.ExecutionRedriven(1, NONE, Optional.empty(),
        Optional.of(fix)));

    assertThat(HistoryJson.toJson(event).get("executionRedrivenEventDetails")).isEqualTo(json("{\"redriveCount\": 1}"));
    assertThat(HistoryJson.toJson(event, HistoryJson.Members.WITH_STEPFOLD_EXTENSIONS).get("executionRedrivenEventDetails")).isEqualTo(json("""
        {"redriveCount": 1, "stepfoldRedriveFix": {"fromState": "Reserve", "inputMerge": "{\\"card\\":\\"4242\\"}"}}"""));
  }

  @Test
  void shouldRenderActivityStartedWithoutWorkerNameAsEmptyObject() {
    var json = HistoryJson.toJson(new HistoryEvent(4, 3, AT, HistoryEventType.ACTIVITY_STARTED, new EventDetails.ActivityStarted(NONE)));

    assertThat(json.get("activityStartedEventDetails")).isEqualTo(json("{}"));
  }

  @Test
  void shouldOmitAbsentErrorAndCause() {
    var onlyError = HistoryJson.toJson(new HistoryEvent(5, 4, AT, HistoryEventType.EXECUTION_FAILED, new EventDetails.Failure(Optional.of("E"), NONE)));
    var neither = HistoryJson.toJson(new HistoryEvent(5, 4, AT, HistoryEventType.EXECUTION_ABORTED, EventDetails.Failure.EMPTY));

    assertThat(onlyError.get("executionFailedEventDetails")).isEqualTo(json("{\"error\": \"E\"}"));
    assertThat(neither.get("executionAbortedEventDetails")).isEqualTo(json("{}"));
  }

  @Test
  void shouldRenderAssignedVariablesAsJsonText() {
    var details = new EventDetails.StateExited("Assign", PAYLOAD, Optional.of(Map.of("count", json("3"), "name", json("\"n\""))));
    var json = HistoryJson.toJson(new HistoryEvent(3, 2, AT, HistoryEventType.PASS_STATE_EXITED, details));

    assertThat(json.get("stateExitedEventDetails").get("assignedVariables")).isEqualTo(json("{\"count\": \"3\", \"name\": \"\\\"n\\\"\"}"));
    assertThat(json.get("stateExitedEventDetails").get("assignedVariablesDetails")).isEqualTo(json("{\"truncated\": false}"));
  }

  @Test
  void shouldRenderOneCompactLine() {
    var text = HistoryJson.toText(new HistoryEvent(7, 6, AT, HistoryEventType.LAMBDA_FUNCTION_STARTED, EventDetails.None.INSTANCE));

    assertThat(text).isEqualTo("{\"timestamp\":1714644000.123,\"type\":\"LambdaFunctionStarted\",\"id\":7,\"previousEventId\":6}");
  }

  @Test
  void shouldRejectDetailsOfTheWrongShape() {
    var event = new HistoryEvent(3, 2, AT, HistoryEventType.TASK_SUCCEEDED, new EventDetails.Output(PAYLOAD));

    assertThatThrownBy(() -> HistoryJson.toJson(event)).isInstanceOf(IllegalStateException.class).hasMessageContaining("TaskSucceeded");
  }

  /** Details with every optional member present. */
  private static EventDetails fullDetails(HistoryEventType type) {
    var some = Optional.of("x");
    return switch (type) {
      case EXECUTION_STARTED -> executionStarted(Optional.of("alias"), Optional.of("version"));
      case ACTIVITY_SCHEDULED -> new EventDetails.ActivityScheduled("arn:activity", PAYLOAD, OptionalLong.of(10), OptionalLong.of(5));
      case ACTIVITY_STARTED -> new EventDetails.ActivityStarted(some);
      case LAMBDA_FUNCTION_SCHEDULED -> new EventDetails.LambdaFunctionScheduled("arn:lambda", PAYLOAD, OptionalLong.of(10), some);
      case TASK_SCHEDULED -> new EventDetails.TaskScheduled("lambda", "invoke", "us-east-1", PAYLOAD, OptionalLong.of(10), OptionalLong.of(5), some);
      case TASK_STARTED -> new EventDetails.TaskStarted("lambda", "invoke");
      case TASK_SUBMITTED, TASK_SUCCEEDED -> new EventDetails.TaskOutput("lambda", "invoke", PAYLOAD);
      case TASK_FAILED, TASK_START_FAILED, TASK_SUBMIT_FAILED, TASK_TIMED_OUT -> new EventDetails.TaskFailure("lambda", "invoke", some, some);
      case ACTIVITY_SUCCEEDED, EXECUTION_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> new EventDetails.Output(PAYLOAD);
      case ACTIVITY_FAILED, ACTIVITY_SCHEDULE_FAILED, ACTIVITY_TIMED_OUT, EXECUTION_ABORTED, EXECUTION_FAILED, EXECUTION_TIMED_OUT,
          LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_SCHEDULE_FAILED, LAMBDA_FUNCTION_START_FAILED, LAMBDA_FUNCTION_TIMED_OUT, MAP_RUN_FAILED ->
          new EventDetails.Failure(some, some);
      case CHOICE_STATE_ENTERED, FAIL_STATE_ENTERED, MAP_STATE_ENTERED, PARALLEL_STATE_ENTERED, PASS_STATE_ENTERED, SUCCEED_STATE_ENTERED,
          TASK_STATE_ENTERED, WAIT_STATE_ENTERED -> new EventDetails.StateEntered("S", PAYLOAD);
      case CHOICE_STATE_EXITED, MAP_STATE_EXITED, PARALLEL_STATE_EXITED, PASS_STATE_EXITED, SUCCEED_STATE_EXITED, TASK_STATE_EXITED,
          WAIT_STATE_EXITED -> new EventDetails.StateExited("S", PAYLOAD, Optional.of(Map.of("v", PAYLOAD)));
      case MAP_ITERATION_ABORTED, MAP_ITERATION_FAILED, MAP_ITERATION_STARTED, MAP_ITERATION_SUCCEEDED -> new EventDetails.MapIteration("M", 0);
      case MAP_STATE_STARTED -> new EventDetails.MapStateStarted(3);
      case MAP_RUN_STARTED -> new EventDetails.MapRunStarted("arn:maprun");
      case EXECUTION_REDRIVEN -> new EventDetails.ExecutionRedriven(1);
      case MAP_RUN_REDRIVEN -> new EventDetails.MapRunRedriven("arn:maprun", 1);
      case EVALUATION_FAILED -> new EventDetails.EvaluationFailed(some, some, some, "S");
      case LAMBDA_FUNCTION_STARTED, MAP_STATE_ABORTED, MAP_STATE_FAILED, MAP_STATE_SUCCEEDED, PARALLEL_STATE_ABORTED, PARALLEL_STATE_FAILED,
          PARALLEL_STATE_STARTED, PARALLEL_STATE_SUCCEEDED, TASK_STATE_ABORTED, WAIT_STATE_ABORTED, MAP_RUN_ABORTED, MAP_RUN_SUCCEEDED ->
          EventDetails.None.INSTANCE;
    };
  }

  /** The members AWS's details structure has (history-events.md §3-§4), all present. */
  private static Set<String> fullKeys(HistoryEventType type) {
    return switch (type) {
      case EXECUTION_STARTED -> Set.of("input", "inputDetails", "roleArn", "stateMachineAliasArn", "stateMachineVersionArn");
      case ACTIVITY_SCHEDULED -> Set.of("resource", "input", "inputDetails", "timeoutInSeconds", "heartbeatInSeconds");
      case ACTIVITY_STARTED -> Set.of("workerName");
      case LAMBDA_FUNCTION_SCHEDULED -> Set.of("resource", "input", "inputDetails", "timeoutInSeconds", "taskCredentials");
      case TASK_SCHEDULED -> Set.of("resourceType", "resource", "region", "parameters", "timeoutInSeconds", "heartbeatInSeconds", "taskCredentials");
      case TASK_STARTED -> Set.of("resourceType", "resource");
      case TASK_SUBMITTED, TASK_SUCCEEDED -> Set.of("resourceType", "resource", "output", "outputDetails");
      case TASK_FAILED, TASK_START_FAILED, TASK_SUBMIT_FAILED, TASK_TIMED_OUT -> Set.of("resourceType", "resource", "error", "cause");
      case ACTIVITY_SUCCEEDED, EXECUTION_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> Set.of("output", "outputDetails");
      case ACTIVITY_FAILED, ACTIVITY_SCHEDULE_FAILED, ACTIVITY_TIMED_OUT, EXECUTION_ABORTED, EXECUTION_FAILED, EXECUTION_TIMED_OUT,
          LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_SCHEDULE_FAILED, LAMBDA_FUNCTION_START_FAILED, LAMBDA_FUNCTION_TIMED_OUT, MAP_RUN_FAILED ->
          Set.of("error", "cause");
      case CHOICE_STATE_ENTERED, FAIL_STATE_ENTERED, MAP_STATE_ENTERED, PARALLEL_STATE_ENTERED, PASS_STATE_ENTERED, SUCCEED_STATE_ENTERED,
          TASK_STATE_ENTERED, WAIT_STATE_ENTERED -> Set.of("name", "input", "inputDetails");
      case CHOICE_STATE_EXITED, MAP_STATE_EXITED, PARALLEL_STATE_EXITED, PASS_STATE_EXITED, SUCCEED_STATE_EXITED, TASK_STATE_EXITED,
          WAIT_STATE_EXITED -> Set.of("name", "output", "outputDetails", "assignedVariables", "assignedVariablesDetails");
      case MAP_ITERATION_ABORTED, MAP_ITERATION_FAILED, MAP_ITERATION_STARTED, MAP_ITERATION_SUCCEEDED -> Set.of("name", "index");
      case MAP_STATE_STARTED -> Set.of("length");
      case MAP_RUN_STARTED -> Set.of("mapRunArn");
      case EXECUTION_REDRIVEN -> Set.of("redriveCount");
      case MAP_RUN_REDRIVEN -> Set.of("mapRunArn", "redriveCount");
      case EVALUATION_FAILED -> Set.of("error", "cause", "location", "state");
      case LAMBDA_FUNCTION_STARTED, MAP_STATE_ABORTED, MAP_STATE_FAILED, MAP_STATE_SUCCEEDED, PARALLEL_STATE_ABORTED, PARALLEL_STATE_FAILED,
          PARALLEL_STATE_STARTED, PARALLEL_STATE_SUCCEEDED, TASK_STATE_ABORTED, WAIT_STATE_ABORTED, MAP_RUN_ABORTED, MAP_RUN_SUCCEEDED -> Set.of();
    };
  }

  private static EventDetails.ExecutionStarted executionStarted(Optional<String> alias, Optional<String> version) {
    var stateMachine = ArnFormat.DEFAULT.stateMachine("M");
    var definition = new StateMachineDefinition(new StateGraph("A", Map.of()), QueryLanguage.JSONPATH, OptionalLong.empty(), Optional.empty(),
        JsonNodeFactory.instance.objectNode());
    return new EventDetails.ExecutionStarted(PAYLOAD, "arn:aws:iam::111111111111:role/r", alias, version, stateMachine.execution("e"), stateMachine,
        ExecutionType.STANDARD, definition);
  }

  private static Set<String> keys(JsonNode json) {
    var keys = new LinkedHashSet<String>();
    json.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
