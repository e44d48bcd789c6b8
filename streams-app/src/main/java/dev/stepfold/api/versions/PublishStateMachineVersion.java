package dev.stepfold.api.versions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.PublishStateMachineVersionCommand;
import java.util.Optional;

/**
 * {@code PublishStateMachineVersion}: a command keyed by the state machine's ARN, which publishes its current revision
 * as the next version, or answers the version that already holds it; {@code ConflictException} when {@code revisionId}
 * is not the current revision. The answer waits for this instance's global store to show the version.
 */
final class PublishStateMachineVersion implements Operation {
  static final int DESCRIPTION_LENGTH = 256;
  private final ApiServices services;

  PublishStateMachineVersion(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "PublishStateMachineVersion";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var arn = ApiArns.stateMachine(in.requiredArn("stateMachineArn"));
    var revisionId = in.optionalString("revisionId", 0, Integer.MAX_VALUE);
    var description = in.optionalSensitive("description", 0, DESCRIPTION_LENGTH);
    ApiArns.refuseLabelled(arn);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(new PublishStateMachineVersionCommand(revisionId.orElse(null), description.orElse(null)))
        .build());
    var versionArn = reply.get("stateMachineVersionArn").asText();
    StateMachineWrites.awaitShown(services, versionArn, Optional::isPresent);
    return Wire.object()
        .put("creationDate", Wire.timestamp(Wire.instant(reply.get("creationDate"))))
        .put("stateMachineVersionArn", versionArn);
  }
}
