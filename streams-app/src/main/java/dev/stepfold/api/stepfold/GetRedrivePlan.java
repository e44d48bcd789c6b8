package dev.stepfold.api.stepfold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.RedrivePlanJson;

/**
 * {@code Stepfold.GetRedrivePlan}: what a RedriveExecution of the execution would run again now — the states,
 * branches, iterations and map-run children, each with its input — or why it cannot be redriven, read from the
 * instance that owns the execution. The answer is {@link RedrivePlanJson}'s, as the command line prints it.
 */
final class GetRedrivePlan implements StepfoldOperation {
  private final ApiServices services;

  GetRedrivePlan(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "GetRedrivePlan";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var executionArn = ApiArns.execution(request.members().requiredArn("executionArn"));
    var plan = Wire.read(() -> services.executions().redrivePlan(executionArn.value()));
    return RedrivePlanJson.toJson(executionArn, plan);
  }
}
