package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StopExecutionCommand;

/** {@code StopExecution}: a StopExecution command keyed by the execution; the engine records {@code ExecutionAborted}. */
final class StopExecution implements Operation {
  private final ApiServices services;

  StopExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "StopExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = ApiArns.execution(in.requiredArn("executionArn"));
    var error = in.optionalSensitive("error", 0, Members.ERROR_LENGTH);
    var cause = in.optionalSensitive("cause", 0, Members.CAUSE_LENGTH);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(executionArn.value())
        .setCommand(new StopExecutionCommand(error.orElse(null), cause.orElse(null)))
        .build());
    return Wire.object().put("stopDate", Wire.timestamp(Wire.instant(reply.get("stopDate"))));
  }
}
