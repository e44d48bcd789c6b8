package dev.stepfold.api.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.schemas.SendTaskFailureCommand;

/** {@code SendTaskFailure}: the task failed with {@code error} and {@code cause}, which its Retry and Catch see. */
final class SendTaskFailure implements Operation {
  private final ApiServices services;

  SendTaskFailure(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "SendTaskFailure";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var token = TaskAnswer.token(in);
    var error = in.optionalSensitive("error", 0, Members.ERROR_LENGTH);
    var cause = in.optionalSensitive("cause", 0, Members.CAUSE_LENGTH);
    return TaskAnswer.send(services, request.requestId(), token, new SendTaskFailureCommand(token.value(), error.orElse(null), cause.orElse(null)));
  }
}
