package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.DeleteStateMachineCommand;
import dev.stepfold.statemachine.StateMachine;

/**
 * {@code DeleteStateMachine}: a command keyed by the state machine's ARN. The state machine goes DELETING (Describe
 * shows it, starts and updates are refused {@code StateMachineDeleting}, its executions cannot be redriven), its versions
 * and aliases are deleted, and its running executions go on with the definitions they started with. A state machine
 * that does not exist is answered with success, as AWS does; a labelled or qualified ARN with {@code ValidationException}.
 */
final class DeleteStateMachine implements Operation {
  private final ApiServices services;

  DeleteStateMachine(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DeleteStateMachine";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var arn = ApiArns.stateMachine(request.members().requiredArn("stateMachineArn"));
    ApiArns.refuseLabelled(arn);
    services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(new DeleteStateMachineCommand())
        .build());
    StateMachineWrites.awaitShown(services, arn.value(), found -> found.map(StateMachine::deleting).orElse(true));
    return Wire.object();
  }
}
