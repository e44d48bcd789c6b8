package dev.stepfold.api.stepfold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.executions.RedriveExecution;

/**
 * {@code Stepfold.RedriveExecution}: AWS's RedriveExecution (same members, answer and errors) with a fix
 * ({@link RedriveFixMembers}). The runtime looks the version up and the engine decides whether the execution can
 * continue so, refusing with {@code ExecutionNotRedrivable} and a reason that names the state when it cannot.
 */
final class RedriveExecutionAfterFix implements StepfoldOperation {
  private final ApiServices services;

  RedriveExecutionAfterFix(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "RedriveExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var fix = RedriveFixMembers.read(request.members());
    return RedriveExecution.redrive(services, request, command -> command
        .setOntoVersion(fix.ontoVersion().orElse(null))
        .setFromState(fix.fromState().orElse(null))
        .setInput(fix.input().orElse(null))
        .setInputMerge(fix.inputMerge().orElse(null)));
  }
}
