package dev.stepfold.api.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.schemas.SendTaskSuccessCommand;

/** {@code SendTaskSuccess}: the task's output (JSON text; the engine answers {@code InvalidOutput} when it is not JSON). */
final class SendTaskSuccess implements Operation {
  private final ApiServices services;

  SendTaskSuccess(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "SendTaskSuccess";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var token = TaskAnswer.token(in);
    var output = in.requiredSensitive("output", 0, Members.PAYLOAD_LENGTH);
    return TaskAnswer.send(services, request.requestId(), token, new SendTaskSuccessCommand(token.value(), output));
  }
}
