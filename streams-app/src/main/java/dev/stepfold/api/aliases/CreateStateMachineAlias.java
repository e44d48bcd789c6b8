package dev.stepfold.api.aliases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateStateMachineAliasCommand;
import dev.stepfold.statemachine.AliasDecisions;

/**
 * {@code CreateStateMachineAlias}: a command keyed by the ARN of the state machine whose versions the routing names.
 * The same name, description and routing again answer the first create; another routing under the name is a
 * {@code ConflictException}. The answer waits for this instance's global store to show the alias.
 */
final class CreateStateMachineAlias implements Operation {
  private final ApiServices services;

  CreateStateMachineAlias(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "CreateStateMachineAlias";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var description = in.optionalSensitive("description", 0, AliasMembers.DESCRIPTION_LENGTH);
    var name = in.optionalPattern("name", 1, Members.NAME_LENGTH, AliasDecisions.NAME).orElseThrow(() -> Members.missing("name"));
    var routing = AliasMembers.routing(in).orElseThrow(() -> Members.missing(AliasMembers.ROUTING));
    var stateMachineArn = AliasMembers.stateMachineOf(routing);
    ObjectNode reply;
    try {
      reply = (ObjectNode) services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(request.requestId())
          .setExecutionArn(stateMachineArn.value())
          .setCommand(new CreateStateMachineAliasCommand(name, description.orElse(null), routing))
          .build());
    } catch (ApiException e) {
      throw ResourceErrors.withResourceName(ResourceErrors.withReason(e, ResourceErrors.INVALID_ROUTING_CONFIGURATION),
          stateMachineArn.value() + ":" + name);
    }
    StateMachineWrites.awaitShown(services, stateMachineArn.value(), found -> found.flatMap(revision -> revision.alias(name)).isPresent());
    return Wire.object()
        .put("stateMachineAliasArn", reply.get("stateMachineAliasArn").asText())
        .put("creationDate", Wire.timestamp(Wire.instant(reply.get("creationDate"))));
  }
}
