package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;

/** {@code DescribeActivity}, from this instance's directory of activities; encrypted, as AWS reports it, with an AWS owned key. */
final class DescribeActivity implements Operation {
  private final ApiServices services;

  DescribeActivity(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeActivity";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var arn = ApiArns.activity(request.members().requiredArn("activityArn"));
    var activity = Wire.read(() -> services.activities().find(arn.value())).orElseThrow(() -> ActivityJson.doesNotExist(arn));
    var json = ActivityJson.item(Wire.object(), activity);
    json.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
    return json;
  }
}
