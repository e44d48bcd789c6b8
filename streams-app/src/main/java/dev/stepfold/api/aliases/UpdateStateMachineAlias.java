package dev.stepfold.api.aliases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.ErrorTypes;
import dev.stepfold.api.Operation;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.UpdateStateMachineAliasCommand;
import java.util.Map;

/**
 * {@code UpdateStateMachineAlias}: a new description, routing, or both, decided on the state machine's key; the same
 * values again change nothing. Starts through the alias on another instance may take the old routing for a moment, as
 * AWS documents.
 */
final class UpdateStateMachineAlias implements Operation {
  private final ApiServices services;

  UpdateStateMachineAlias(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "UpdateStateMachineAlias";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var aliasArn = in.requiredArn("stateMachineAliasArn");
    var description = in.optionalSensitive("description", 0, AliasMembers.DESCRIPTION_LENGTH);
    var routing = AliasMembers.routing(in);
    var alias = AliasMembers.alias(aliasArn);
    if (description.isEmpty() && routing.isEmpty()) {
      throw new ApiException(ErrorTypes.VALIDATION_EXCEPTION, "Either the description or the routingConfiguration must be specified",
          Map.of("reason", "MISSING_REQUIRED_PARAMETER"));
    }
    ObjectNode reply;
    try {
      reply = (ObjectNode) services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(request.requestId())
          .setExecutionArn(alias.stateMachineArn().value())
          .setCommand(new UpdateStateMachineAliasCommand(alias.arn(), description.orElse(null), routing.orElse(null)))
          .build());
    } catch (ApiException e) {
      throw ResourceErrors.withResourceName(ResourceErrors.withReason(e, ResourceErrors.INVALID_ROUTING_CONFIGURATION), alias.arn());
    }
    var updateDate = Wire.instant(reply.get("updateDate"));
    StateMachineWrites.awaitShown(services, alias.stateMachineArn().value(), found -> found.flatMap(revision -> revision.alias(alias.name()))
        .filter(shown -> !shown.updateDate().isBefore(updateDate)).isPresent());
    return Wire.object().put("updateDate", Wire.timestamp(updateDate));
  }
}
