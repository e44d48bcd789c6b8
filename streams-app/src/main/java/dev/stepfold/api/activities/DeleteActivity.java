package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.DeleteActivityCommand;

/**
 * {@code DeleteActivity}: a DeleteActivity command keyed by the activity's ARN; deleting one that does not exist answers
 * the same (AWS). Its waiting polls are answered {@code ActivityDoesNotExist}; the tasks waiting in its queue are
 * dropped and wait in their executions until their time-outs. The answer waits until this instance's directory no
 * longer shows the activity.
 */
final class DeleteActivity implements Operation {
  private final ApiServices services;

  DeleteActivity(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DeleteActivity";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var arn = ApiArns.activity(request.members().requiredArn("activityArn"));
    services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(new DeleteActivityCommand())
        .build());
    Wire.read(() -> services.activities().await(arn.value(), shown -> shown.isEmpty(), services.readsTimeout()));
    return Wire.object();
  }
}
