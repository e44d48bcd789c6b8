package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.error.ApiError;

/** {@code DescribeStateMachine} of a state machine (its current revision) or of a version, from the global store. */
final class DescribeStateMachine implements Operation {
  private final ApiServices services;

  DescribeStateMachine(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeStateMachine";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var value = in.requiredArn("stateMachineArn");
    var includeData = in.includesData();
    var arn = ApiArns.stateMachine(value);
    var found = Wire.read(() -> services.stateMachines().find(arn.value()))
        .orElseThrow(() -> ApiException.of(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + value + "'"));
    var json = Wire.object()
        .put("stateMachineArn", found.key())
        .put("name", found.name())
        .put("status", found.status().name())
        .put("definition", includeData ? found.definition() : "{}")
        .put("roleArn", found.roleArn())
        .put("type", found.type().name())
        .put("creationDate", Wire.timestamp(found.creationDate()));
    StateMachineJson.configurations(json);
    json.put("revisionId", found.revisionId());
    Wire.put(json, "description", found.description());
    return json;
  }
}
