package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code RedriveExecution}: a RedriveExecution command keyed by the execution. The engine checks eligibility and the
 * client token (the same token within 15 minutes answers the first redrive's date and redrives nothing).
 */
public final class RedriveExecution implements Operation {
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
    return redrive(services, request, command -> command);
  }

  /**
   * Reads AWS's members, sends the command {@code extension} completes (stepfold's own operation adds a fix) and
   * answers with the redrive date.
   */
  public static ObjectNode redrive(ApiServices services, ApiRequest request, UnaryOperator<RedriveExecutionCommand.Builder> extension) {
    var in = request.members();
    var executionArn = ApiArns.execution(in.requiredArn("executionArn"));
    var clientToken = in.optionalPattern("clientToken", 1, CLIENT_TOKEN_LENGTH, CLIENT_TOKEN);
    var command = extension.apply(RedriveExecutionCommand.newBuilder().setClientToken(clientToken.orElse(null))).build();
    var reply = services.commands().accepted(CommandRecord.newBuilder()
        .setRequestId(request.requestId())
        .setExecutionArn(executionArn.value())
        .setCommand(command)
        .build());
    return Wire.object().put("redriveDate", Wire.timestamp(Wire.instant(reply.get("redriveDate"))));
  }
}
