package dev.stepfold.api.stepfold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Wire;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.RedrivePlanJson;
import dev.stepfold.statemachine.RedriveOnto;
import dev.stepfold.statemachine.StartResolution;
import dev.stepfold.streams.RedrivePlanFix;

/**
 * {@code Stepfold.GetRedrivePlan}: what a RedriveExecution of the execution would run again now — the states,
 * branches, iterations and map-run children, each with its input — or why it cannot be redriven, read from the
 * instance that owns the execution. With a fix ({@link RedriveFixMembers}), what {@code Stepfold.RedriveExecution}
 * with that fix would run: the states of the version it continues in, from the state it names, with their corrected
 * input, and what each keeps. The answer is {@link RedrivePlanJson}'s, as the command line prints it.
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
    var members = RedriveFixMembers.read(request.members());
    var fix = new RedrivePlanFix(members.ontoVersion().map(named -> onto(named, executionArn)), members.fromState(), members.input(),
        members.inputMerge());
    var plan = Wire.read(() -> services.executions().redrivePlan(executionArn.value(), fix));
    return RedrivePlanJson.toJson(executionArn, plan);
  }

  /** The version a redrive onto {@code named} continues in, as the runtime would look it up for the redrive itself. */
  private RedrivePlanFix.Onto onto(String named, ExecutionArn executionArn) {
    var resolution = Wire.read(() -> RedriveOnto.resolveKnown(services.stateMachines()::find, named, executionArn));
    if (resolution instanceof StartResolution.Refused refused) {
      throw ApiException.of(refused.error(), refused.message());
    }
    var resolved = (StartResolution.Resolved) resolution;
    return new RedrivePlanFix.Onto(resolved.stateMachineVersionArn().orElseThrow(), resolved.stateMachineAliasArn(),
        resolved.runs().definition());
  }
}
