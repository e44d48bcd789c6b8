package dev.stepfold.api.aliases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.DeleteStateMachineAliasCommand;

/** {@code DeleteStateMachineAlias}: decided on the state machine's key; the versions it routed to stay, an alias that is not there is deleted already. */
final class DeleteStateMachineAlias implements Operation {
  private final ApiServices services;

  DeleteStateMachineAlias(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DeleteStateMachineAlias";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var alias = AliasMembers.alias(request.members().requiredArn("stateMachineAliasArn"));
    services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(alias.stateMachineArn().value())
        .setCommand(new DeleteStateMachineAliasCommand(alias.arn()))
        .build());
    StateMachineWrites.awaitShown(services, alias.stateMachineArn().value(),
        found -> found.flatMap(revision -> revision.alias(alias.name())).isEmpty());
    return Wire.object();
  }
}
