package dev.stepfold.api.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.schemas.SendTaskHeartbeatCommand;

/** {@code SendTaskHeartbeat}: the task's heartbeat timer starts again; no event is recorded. */
final class SendTaskHeartbeat implements Operation {
  private final ApiServices services;

  SendTaskHeartbeat(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "SendTaskHeartbeat";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var token = TaskAnswer.token(request.members());
    return TaskAnswer.send(services, request.requestId(), token, new SendTaskHeartbeatCommand(token.value()));
  }
}
