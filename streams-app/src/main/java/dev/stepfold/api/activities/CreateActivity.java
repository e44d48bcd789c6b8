package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateActivityCommand;

/**
 * {@code CreateActivity}: a CreateActivity command keyed by the new activity's ARN (this deployment's region and
 * account). A repeat answers the activity as it is (AWS: idempotent; tags that differ are not applied). The answer waits
 * until this instance's directory of activities shows the activity, so that a GetActivityTask or a StartExecution sent
 * right after finds it.
 */
final class CreateActivity implements Operation {
  private final ApiServices services;

  CreateActivity(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "CreateActivity";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var name = in.requiredName("name");
    var arn = services.arns().activity(name);
    var tags = ActivityJson.tags(in, arn);
    ActivityJson.encryption(in);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(arn.value())
        .setCommand(CreateActivityCommand.newBuilder().setName(name).setTags(tags).build())
        .build());
    Wire.read(() -> services.activities().await(arn.value(), shown -> shown.isPresent(), services.readsTimeout()));
    return Wire.object()
        .put("activityArn", reply.get("activityArn").asText())
        .put("creationDate", Wire.timestamp(Wire.instant(reply.get("creationDate"))));
  }
}
