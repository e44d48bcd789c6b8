package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.tags.TagMembers;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateStateMachineCommand;

/**
 * {@code CreateStateMachine}: a CreateStateMachine command keyed by the new state machine's ARN (this deployment's
 * region and account). The reply comes once the revision is decided; the answer waits until this instance's global
 * store shows it too, so that a StartExecution sent right after finds it.
 */
final class CreateStateMachine implements Operation {
  private final ApiServices services;

  CreateStateMachine(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "CreateStateMachine";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var name = in.requiredName("name");
    var definition = in.requiredSensitive("definition", 1, Members.DEFINITION_LENGTH);
    var roleArn = in.requiredArn("roleArn");
    var type = in.optionalEnum("type", StateMachineJson.TYPES).orElse("STANDARD");
    var publish = in.optionalBoolean("publish").orElse(false);
    var versionDescription = in.optionalSensitive("versionDescription", 0, StateMachineJson.VERSION_DESCRIPTION_LENGTH);
    var tags = TagMembers.tags(in, "tags");
    StateMachineJson.readConfigurations(in);
    var arn = services.arns().stateMachine(name);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(CreateStateMachineCommand.newBuilder()
            .setName(name)
            .setDefinition(definition)
            .setRoleArn(roleArn)
            .setType(type)
            .setPublish(publish)
            .setVersionDescription(versionDescription.orElse(null))
            .setTags(tags)
            .build())
        .build());
    var json = Wire.object()
        .put("stateMachineArn", reply.get("stateMachineArn").asText())
        .put("creationDate", Wire.timestamp(Wire.instant(reply.get("creationDate"))));
    var versionArn = reply.path("stateMachineVersionArn").asText(null);
    if (versionArn != null) {
      json.put("stateMachineVersionArn", versionArn);
    }
    StateMachineWrites.awaitShown(services, arn.value(), Wire.instant(reply.get("creationDate")), versionArn);
    return json;
  }
}
