package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import java.util.regex.Pattern;

/**
 * {@code RedriveExecution}: a RedriveExecution command keyed by the execution. The engine checks eligibility and the
 * client token (the same token within 15 minutes answers the first redrive's date and redrives nothing).
 */
final class RedriveExecution implements Operation {
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[!-~]+");
  private static final int CLIENT_TOKEN_LENGTH = 64;
  private final ApiServices services;

  RedriveExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "RedriveExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = ApiArns.execution(in.requiredArn("executionArn"));
    var clientToken = in.optionalPattern("clientToken", 1, CLIENT_TOKEN_LENGTH, CLIENT_TOKEN);
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(executionArn.value())
        .setCommand(new RedriveExecutionCommand(clientToken.orElse(null)))
        .build());
    return Wire.object().put("redriveDate", Wire.timestamp(Wire.instant(reply.get("redriveDate"))));
  }
}
