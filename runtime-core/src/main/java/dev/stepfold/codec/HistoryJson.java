package dev.stepfold.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.history.EpochSeconds;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * History events as {@code GetExecutionHistory} returns them: {@code timestamp} in epoch seconds, payloads
 * ({@code input}, {@code output}, {@code parameters}, assigned variables) as JSON text with their
 * {@code {"truncated": false}} details next to them, absent optional members omitted, and no details member for the
 * types that have none. {@code ExecutionStarted} shows AWS's members only, not the ARNs and definition stepfold keeps.
 */
public final class HistoryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Which members a history shows: AWS's alone, as GetExecutionHistory answers AWS clients, or with stepfold's own
   * extensions as well ({@value #REDRIVE_FIX} in {@code executionRedrivenEventDetails}: the version, state and input of a
   * redrive after a fix).
   */
  public enum Members { AWS, WITH_STEPFOLD_EXTENSIONS }

  /** stepfold's member of {@code executionRedrivenEventDetails} for a redrive after a fix. */
  public static final String REDRIVE_FIX = "stepfoldRedriveFix";

  private HistoryJson() {}

  /** The events as the {@code events} array of {@code GetExecutionHistory}. */
  public static ArrayNode toJson(List<HistoryEvent> events) {
    return toJson(events, Members.AWS);
  }

  public static ArrayNode toJson(List<HistoryEvent> events, Members members) {
    var array = NODES.arrayNode();
    events.forEach(event -> array.add(toJson(event, members)));
    return array;
  }

  /** {@code {"timestamp": ..., "type": ..., "id": ..., "previousEventId": ..., "<type>EventDetails": {...}}}. */
  public static ObjectNode toJson(HistoryEvent event) {
    return toJson(event, Members.AWS);
  }

  public static ObjectNode toJson(HistoryEvent event, Members members) {
    var json = NODES.objectNode();
    json.put("timestamp", epochSeconds(event.timestamp()));
    json.put("type", event.type().awsName());
    json.put("id", event.id());
    json.put("previousEventId", event.previousEventId());
    event.type().detailsMember().ifPresent(member -> json.set(member, details(event, members)));
    if (event.type().detailsMember().isEmpty() && !(event.details() instanceof EventDetails.None)
        && !(event.details() instanceof EventDetails.ParallelStateStarted)) {
      throw new IllegalStateException("Expected " + event.type().awsName() + " to carry no details, but it carries " + event.details());
    }
    return json;
  }

  /** The event as one line of compact JSON. */
  public static String toText(HistoryEvent event) {
    return compact(toJson(event));
  }

  /** A JSON value as the compact JSON text AWS puts into payload fields. */
  public static String compact(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Epoch seconds with millisecond fraction, as the AWS JSON 1.0 protocol writes timestamps. */
  public static BigDecimal epochSeconds(Instant instant) {
    return EpochSeconds.of(instant);
  }

  private static ObjectNode details(HistoryEvent event, Members members) {
    var details = event.details();
    return switch (event.type()) {
      case EXECUTION_STARTED -> executionStarted(event.details(EventDetails.ExecutionStarted.class));
      case ACTIVITY_SCHEDULED -> activityScheduled(event.details(EventDetails.ActivityScheduled.class));
      case ACTIVITY_STARTED -> activityStarted(event.details(EventDetails.ActivityStarted.class));
      case LAMBDA_FUNCTION_SCHEDULED -> lambdaFunctionScheduled(event.details(EventDetails.LambdaFunctionScheduled.class));
      case TASK_SCHEDULED -> taskScheduled(event.details(EventDetails.TaskScheduled.class));
      case TASK_STARTED -> taskStarted(event.details(EventDetails.TaskStarted.class));
      case TASK_SUBMITTED, TASK_SUCCEEDED -> taskOutput(event.details(EventDetails.TaskOutput.class));
      case TASK_FAILED, TASK_START_FAILED, TASK_SUBMIT_FAILED, TASK_TIMED_OUT ->
          taskFailure(event.details(EventDetails.TaskFailure.class));
      case ACTIVITY_SUCCEEDED, EXECUTION_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> output(event.details(EventDetails.Output.class));
      case ACTIVITY_FAILED, ACTIVITY_SCHEDULE_FAILED, ACTIVITY_TIMED_OUT, EXECUTION_ABORTED, EXECUTION_FAILED,
          EXECUTION_TIMED_OUT, LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_SCHEDULE_FAILED, LAMBDA_FUNCTION_START_FAILED,
          LAMBDA_FUNCTION_TIMED_OUT, MAP_RUN_FAILED -> failure(event.details(EventDetails.Failure.class));
      case CHOICE_STATE_ENTERED, FAIL_STATE_ENTERED, MAP_STATE_ENTERED, PARALLEL_STATE_ENTERED, PASS_STATE_ENTERED,
          SUCCEED_STATE_ENTERED, TASK_STATE_ENTERED, WAIT_STATE_ENTERED ->
          stateEntered(event.details(EventDetails.StateEntered.class));
      case CHOICE_STATE_EXITED, MAP_STATE_EXITED, PARALLEL_STATE_EXITED, PASS_STATE_EXITED, SUCCEED_STATE_EXITED,
          TASK_STATE_EXITED, WAIT_STATE_EXITED -> stateExited(event.details(EventDetails.StateExited.class));
      case MAP_ITERATION_ABORTED, MAP_ITERATION_FAILED, MAP_ITERATION_STARTED, MAP_ITERATION_SUCCEEDED ->
          mapIteration(event.details(EventDetails.MapIteration.class));
      case MAP_STATE_STARTED -> NODES.objectNode().put("length", event.details(EventDetails.MapStateStarted.class).length());
      case MAP_RUN_STARTED -> NODES.objectNode().put("mapRunArn", event.details(EventDetails.MapRunStarted.class).mapRunArn());
      case EXECUTION_REDRIVEN -> executionRedriven(event.details(EventDetails.ExecutionRedriven.class), members);
      case MAP_RUN_REDRIVEN -> mapRunRedriven(event.details(EventDetails.MapRunRedriven.class));
      case EVALUATION_FAILED -> evaluationFailed(event.details(EventDetails.EvaluationFailed.class));
      case LAMBDA_FUNCTION_STARTED, MAP_STATE_ABORTED, MAP_STATE_FAILED, MAP_STATE_SUCCEEDED, PARALLEL_STATE_ABORTED,
          PARALLEL_STATE_FAILED, PARALLEL_STATE_STARTED, PARALLEL_STATE_SUCCEEDED, TASK_STATE_ABORTED, WAIT_STATE_ABORTED,
          MAP_RUN_ABORTED, MAP_RUN_SUCCEEDED ->
          throw new IllegalStateException("Expected " + event.type().awsName() + " to have no details member, but it has " + details);
    };
  }

  private static ObjectNode executionStarted(EventDetails.ExecutionStarted details) {
    var json = NODES.objectNode();
    payload(json, "input", details.input());
    json.put("roleArn", details.roleArn());
    optional(json, "stateMachineAliasArn", details.stateMachineAliasArn());
    optional(json, "stateMachineVersionArn", details.stateMachineVersionArn());
    return json;
  }

  private static ObjectNode executionRedriven(EventDetails.ExecutionRedriven details, Members members) {
    var json = NODES.objectNode().put("redriveCount", details.redriveCount());
    if (members == Members.WITH_STEPFOLD_EXTENSIONS) {
      details.fix().ifPresent(fix -> json.set(REDRIVE_FIX, redriveFix(fix)));
    }
    return json;
  }

  /** {@code {"stateMachineVersionArn"?, "stateMachineAliasArn"?, "fromState"?, "input"? | "inputMerge"?}}, inputs as JSON text. */
  private static ObjectNode redriveFix(RedriveFix fix) {
    var json = NODES.objectNode();
    optional(json, "stateMachineVersionArn", fix.onto().map(RedriveFix.Version::stateMachineVersionArn));
    optional(json, "stateMachineAliasArn", fix.onto().flatMap(RedriveFix.Version::stateMachineAliasArn));
    optional(json, "fromState", fix.fromState());
    fix.input().ifPresent(correction ->
        json.put(correction instanceof RedriveFix.InputCorrection.Merge ? "inputMerge" : "input", compact(correction.value())));
    return json;
  }

  private static ObjectNode stateEntered(EventDetails.StateEntered details) {
    var json = NODES.objectNode().put("name", details.name());
    payload(json, "input", details.input());
    return json;
  }

  private static ObjectNode stateExited(EventDetails.StateExited details) {
    var json = NODES.objectNode().put("name", details.name());
    payload(json, "output", details.output());
    details.assignedVariables().ifPresent(variables -> {
      var assigned = json.putObject("assignedVariables");
      variables.forEach((name, value) -> assigned.put(name, compact(value)));
      json.set("assignedVariablesDetails", notTruncated());
    });
    return json;
  }

  private static ObjectNode output(EventDetails.Output details) {
    var json = NODES.objectNode();
    payload(json, "output", details.output());
    return json;
  }

  private static ObjectNode failure(EventDetails.Failure details) {
    var json = NODES.objectNode();
    optional(json, "error", details.error());
    optional(json, "cause", details.cause());
    return json;
  }

  private static ObjectNode taskScheduled(EventDetails.TaskScheduled details) {
    var json = NODES.objectNode()
        .put("resourceType", details.resourceType())
        .put("resource", details.resource())
        .put("region", details.region())
        .put("parameters", compact(details.parameters()));
    optional(json, "timeoutInSeconds", details.timeoutInSeconds());
    optional(json, "heartbeatInSeconds", details.heartbeatInSeconds());
    taskCredentials(json, details.taskCredentialsRoleArn());
    return json;
  }

  private static ObjectNode taskStarted(EventDetails.TaskStarted details) {
    return NODES.objectNode().put("resourceType", details.resourceType()).put("resource", details.resource());
  }

  private static ObjectNode taskOutput(EventDetails.TaskOutput details) {
    var json = NODES.objectNode().put("resourceType", details.resourceType()).put("resource", details.resource());
    payload(json, "output", details.output());
    return json;
  }

  private static ObjectNode taskFailure(EventDetails.TaskFailure details) {
    var json = NODES.objectNode().put("resourceType", details.resourceType()).put("resource", details.resource());
    optional(json, "error", details.error());
    optional(json, "cause", details.cause());
    return json;
  }

  private static ObjectNode activityScheduled(EventDetails.ActivityScheduled details) {
    var json = NODES.objectNode().put("resource", details.resource());
    payload(json, "input", details.input());
    optional(json, "timeoutInSeconds", details.timeoutInSeconds());
    optional(json, "heartbeatInSeconds", details.heartbeatInSeconds());
    return json;
  }

  private static ObjectNode activityStarted(EventDetails.ActivityStarted details) {
    var json = NODES.objectNode();
    optional(json, "workerName", details.workerName());
    return json;
  }

  private static ObjectNode lambdaFunctionScheduled(EventDetails.LambdaFunctionScheduled details) {
    var json = NODES.objectNode().put("resource", details.resource());
    payload(json, "input", details.input());
    optional(json, "timeoutInSeconds", details.timeoutInSeconds());
    taskCredentials(json, details.taskCredentialsRoleArn());
    return json;
  }

  private static ObjectNode mapIteration(EventDetails.MapIteration details) {
    return NODES.objectNode().put("name", details.name()).put("index", details.index());
  }

  private static ObjectNode mapRunRedriven(EventDetails.MapRunRedriven details) {
    return NODES.objectNode().put("mapRunArn", details.mapRunArn()).put("redriveCount", details.redriveCount());
  }

  private static ObjectNode evaluationFailed(EventDetails.EvaluationFailed details) {
    var json = NODES.objectNode();
    optional(json, "error", details.error());
    optional(json, "cause", details.cause());
    optional(json, "location", details.location());
    json.put("state", details.state());
    return json;
  }

  private static void payload(ObjectNode json, String member, JsonNode value) {
    json.put(member, compact(value));
    json.set(member + "Details", notTruncated());
  }

  private static ObjectNode notTruncated() {
    return NODES.objectNode().put("truncated", false);
  }

  private static void taskCredentials(ObjectNode json, Optional<String> roleArn) {
    roleArn.ifPresent(arn -> json.putObject("taskCredentials").put("roleArn", arn));
  }

  private static void optional(ObjectNode json, String member, Optional<String> value) {
    value.ifPresent(text -> json.put(member, text));
  }

  private static void optional(ObjectNode json, String member, OptionalLong value) {
    value.ifPresent(number -> json.put(member, number));
  }
}
