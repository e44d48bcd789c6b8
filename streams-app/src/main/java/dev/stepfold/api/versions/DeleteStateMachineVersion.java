package dev.stepfold.api.versions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.DeleteStateMachineVersionCommand;
import dev.stepfold.statemachine.StateMachineTarget;
import java.util.Optional;

/**
 * {@code DeleteStateMachineVersion}: a command keyed by the state machine's ARN; {@code ConflictException} while an alias
 * routes to the version; a version that does not exist is deleted already. Running executions of it go on.
 */
final class DeleteStateMachineVersion implements Operation {
  static final int LONG_ARN_LENGTH = 2000;
  private final ApiServices services;

  DeleteStateMachineVersion(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DeleteStateMachineVersion";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var value = request.members().requiredString("stateMachineVersionArn", 1, LONG_ARN_LENGTH);
    var arn = ApiArns.stateMachine(value);
    ApiArns.refuseLabelled(arn);
    if (!(StateMachineTarget.of(arn) instanceof StateMachineTarget.Version version)) {
      throw ApiArns.invalid(value);
    }
    services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(version.stateMachineArn().value())
        .setCommand(new DeleteStateMachineVersionCommand(version.arn()))
        .build());
    StateMachineWrites.awaitShown(services, version.arn(), Optional::isEmpty);
    return Wire.object();
  }
}
