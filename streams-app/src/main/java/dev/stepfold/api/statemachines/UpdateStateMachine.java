package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.UpdateStateMachineCommand;

/**
 * {@code UpdateStateMachine}: an UpdateStateMachine command keyed by the state machine's ARN; like a create, the answer
 * waits for this instance's global store to show the new revision.
 */
final class UpdateStateMachine implements Operation {
  private final ApiServices services;

  UpdateStateMachine(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "UpdateStateMachine";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var arn = ApiArns.stateMachine(in.requiredArn("stateMachineArn"));
    var definition = in.optionalSensitive("definition", 1, Members.DEFINITION_LENGTH);
    var roleArn = in.optionalArn("roleArn");
    var publish = in.optionalBoolean("publish").orElse(false);
    var versionDescription = in.optionalSensitive("versionDescription", 0, StateMachineJson.VERSION_DESCRIPTION_LENGTH);
    StateMachineJson.readConfigurations(in);
    ApiArns.refuseLabelled(arn);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(UpdateStateMachineCommand.newBuilder()
            .setDefinition(definition.orElse(null))
            .setRoleArn(roleArn.orElse(null))
            .setPublish(publish)
            .setVersionDescription(versionDescription.orElse(null))
            .build())
        .build());
    var updateDate = Wire.instant(reply.get("updateDate"));
    var json = Wire.object().put("updateDate", Wire.timestamp(updateDate));
    if (reply.hasNonNull("revisionId")) {
      json.put("revisionId", reply.get("revisionId").asText());
    }
    var versionArn = reply.path("stateMachineVersionArn").asText(null);
    if (versionArn != null) {
      json.put("stateMachineVersionArn", versionArn);
    }
    StateMachineWrites.awaitShown(services, arn.value(), updateDate, versionArn);
    return json;
  }
}
