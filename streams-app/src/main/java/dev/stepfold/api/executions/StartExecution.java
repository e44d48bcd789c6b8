package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.statemachine.StateMachineTarget;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code StartExecution} of a state machine or one of its versions: a StartExecution command keyed by the execution's
 * ARN, which names the state machine, never the version. The engine makes the start idempotent: the same name and
 * input while the execution runs answer the first start; otherwise {@code ExecutionAlreadyExists}. An EXPRESS state
 * machine's execution gets an {@code express:} ARN of its own each time, as on AWS (no idempotency there). With a mock
 * configuration ({@code SFN_MOCK_CONFIG}), {@code stateMachineArn#TestCaseName} starts an execution whose Task states are
 * answered from that test case, as in Step Functions Local.
 */
final class StartExecution implements Operation {
  private static final int TRACE_HEADER_LENGTH = 256;
  private static final Pattern TRACE_HEADER = Pattern.compile("\\p{ASCII}*");
  private final ApiServices services;

  StartExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "StartExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var requested = in.requiredArn("stateMachineArn");
    var testCase = Optional.<String>empty();
    if (services.mockedExecutions().isPresent() && requested.indexOf('#') > 0) {
      // Step Functions Local's stateMachineArn#TestCaseName: the execution's tasks answered from the mock configuration
      testCase = Optional.of(requested.substring(requested.indexOf('#') + 1));
      requested = requested.substring(0, requested.indexOf('#'));
    }
    var stateMachineArn = ApiArns.stateMachine(requested);
    var name = in.optionalName("name").orElseGet(() -> UUID.randomUUID().toString());
    // AWS's limit is 256 KiB of UTF-8, which it answers InvalidExecutionInput, as the engine does (the request body is
    // bounded by stepfold.api.max.body.bytes)
    var input = in.optionalSensitive("input", 0, Integer.MAX_VALUE).orElse("{}");
    if (Json.exceedsPayloadLimit(input)) {
      throw ApiException.of(ApiError.INVALID_EXECUTION_INPUT, Json.INPUT_TOO_LARGE);
    }
    in.optionalPattern("traceHeader", 0, TRACE_HEADER_LENGTH, TRACE_HEADER);
    ApiArns.refuseLabelled(stateMachineArn);
    var express = Wire.read(() -> services.stateMachines().find(StateMachineTarget.of(stateMachineArn).stateMachineArn().value()))
        .filter(stateMachine -> stateMachine.type() == ExecutionType.EXPRESS).isPresent();
    var executionArn = express ? stateMachineArn.expressExecution(name, UUID.randomUUID().toString()) : stateMachineArn.execution(name);
    if (testCase.isPresent()) {
      try {
        services.mockedExecutions().get().register(executionArn.value(), stateMachineArn.name(), testCase.get());
      } catch (IllegalArgumentException noSuchTestCase) {
        throw ApiException.validation(noSuchTestCase.getMessage());
      }
    }
    var start = StartExecutionCommand.newBuilder()
        .setStateMachineArn(stateMachineArn.value())
        .setExecutionType(null)
        .setDefinition(null)
        .setInput(input)
        .setRoleArn(null)
        .build();
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(executionArn.value())
        .setCommand(start)
        .build());
    return Wire.object()
        .put("executionArn", reply.get("executionArn").asText())
        .put("startDate", Wire.timestamp(Wire.instant(reply.get("startDate"))));
  }
}
