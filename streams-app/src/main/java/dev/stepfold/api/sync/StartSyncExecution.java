package dev.stepfold.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.CommandGateway;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code StartSyncExecution} of an EXPRESS state machine: a StartExecution command whose {@code closeRequestId} asks the
 * engine to answer a second time when the execution closes, and the wait for that answer. The call returns with HTTP
 * 200 however the execution ended ({@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}); the engine times the
 * execution out after {@link Timers#SYNC_EXECUTION_LIMIT}, as AWS bounds it. A STANDARD state machine is refused
 * {@code StateMachineTypeNotSupported}.
 */
final class StartSyncExecution implements Operation {
  static final String STATE_MACHINE_TYPE_NOT_SUPPORTED = "StateMachineTypeNotSupported";
  /** The answer when no close came although the engine bounds the execution: the runtime is not keeping up. */
  static final String EXECUTION_NOT_CLOSED = "SyncExecutionNotClosed";
  private static final int TRACE_HEADER_LENGTH = 256;
  private static final Pattern TRACE_HEADER = Pattern.compile("\\p{ASCII}*");
  /** AWS bills an Express execution's memory in 64 MB steps and its duration in 100 ms steps. */
  private static final long BILLED_MEMORY_MB = 64;
  private static final long BILLED_DURATION_STEP_MS = 100;
  private final ApiServices services;

  StartSyncExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "StartSyncExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var stateMachineArn = ApiArns.stateMachine(in.requiredArn("stateMachineArn"));
    var name = in.optionalName("name").orElseGet(() -> UUID.randomUUID().toString());
    var input = in.optionalSensitive("input", 0, Members.PAYLOAD_LENGTH).orElse("{}");
    var traceHeader = in.optionalPattern("traceHeader", 0, TRACE_HEADER_LENGTH, TRACE_HEADER);
    var includeData = in.includesData();
    ApiArns.refuseLabelled(stateMachineArn);
    var stateMachine = Wire.read(() -> services.stateMachines().find(stateMachineArn.value()))
        .orElseThrow(() -> ApiException.of(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + stateMachineArn + "'"));
    if (stateMachine.type() != ExecutionType.EXPRESS) {
      throw new ApiException(STATE_MACHINE_TYPE_NOT_SUPPORTED, "This operation is not supported by this type of state machine");
    }
    var executionArn = stateMachineArn.expressExecution(name, UUID.randomUUID().toString());
    var closeRequestId = request.requestId() + "/closed";
    var start = StartExecutionCommand.newBuilder()
        .setStateMachineArn(stateMachineArn.value())
        .setExecutionType(null)
        .setDefinition(null)
        .setInput(input)
        .setRoleArn(null)
        .setCloseRequestId(closeRequestId)
        .build();
    var gateway = services.commands();
    JsonNode closed;
    try (var closing = gateway.expectLater(closeRequestId)) {
      gateway.accepted(CommandRecord.newBuilder()
          .setRequestId(request.requestId())
          .setExecutionArn(executionArn.value())
          .setCommand(start)
          .build());
      closed = CommandGateway.accepted(closing.await(Timers.SYNC_EXECUTION_LIMIT.plus(gateway.replyTimeout()))
          .orElseThrow(() -> new ApiException(EXECUTION_NOT_CLOSED, "Execution " + executionArn + " did not close within "
              + Timers.SYNC_EXECUTION_LIMIT.toMinutes() + " minutes, although stepfold times it out then: the runtime is not keeping up."
              + " It may still close; its history is on stepfold.history. Starting it again would start another execution.")));
    }
    var json = output(closed, includeData);
    Wire.put(json, "traceHeader", traceHeader);
    return json;
  }

  /** {@code StartSyncExecutionOutput} from the engine's answer at close. */
  static ObjectNode output(JsonNode closed, boolean includeData) {
    var startDate = Wire.instant(closed.get("startDate"));
    var stopDate = Wire.instant(closed.get("stopDate"));
    var json = Wire.object()
        .put("executionArn", closed.get("executionArn").asText())
        .put("stateMachineArn", closed.get("stateMachineArn").asText())
        .put("name", closed.get("name").asText())
        .put("startDate", Wire.timestamp(startDate))
        .put("stopDate", Wire.timestamp(stopDate))
        .put("status", syncStatus(closed.get("status").asText()));
    if (closed.has("error")) {
      json.put("error", closed.get("error").asText());
    }
    if (closed.has("cause")) {
      json.put("cause", closed.get("cause").asText());
    }
    if (includeData) {
      json.put("input", HistoryJson.compact(closed.get("input")));
    }
    json.putObject("inputDetails").put("included", includeData);
    if (closed.has("output")) {
      if (includeData) {
        json.put("output", HistoryJson.compact(closed.get("output")));
      }
      json.putObject("outputDetails").put("included", includeData);
    }
    long milliseconds = Math.max(1, Duration.between(startDate, stopDate).toMillis());
    json.putObject("billingDetails")
        .put("billedMemoryUsedInMB", BILLED_MEMORY_MB)
        .put("billedDurationInMilliseconds", (milliseconds + BILLED_DURATION_STEP_MS - 1) / BILLED_DURATION_STEP_MS * BILLED_DURATION_STEP_MS);
    return json;
  }

  /** {@code SyncExecutionStatus}: an execution stopped while the call waited counts as failed, the one status it cannot name. */
  private static String syncStatus(String status) {
    return status.equals("ABORTED") ? "FAILED" : status;
  }
}
