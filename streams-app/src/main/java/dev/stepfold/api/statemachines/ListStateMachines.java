package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.Wire;

/** {@code ListStateMachines}: the state machines of the global store in ARN order, in pages with an opaque {@code nextToken}. */
final class ListStateMachines implements Operation {
  private static final PageToken TOKENS = new PageToken("ListStateMachines");
  private final ApiServices services;

  ListStateMachines(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListStateMachines";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    int pageSize = in.pageSize();
    var after = in.nextToken(Members.PAGE_TOKEN_LENGTH).map(TOKENS::read);
    var found = Wire.read(() -> services.stateMachines().page(after, pageSize));
    var json = Wire.object();
    var items = json.putArray("stateMachines");
    found.stream().limit(pageSize).forEach(stateMachine -> items.addObject()
        .put("stateMachineArn", stateMachine.stateMachineArn().value())
        .put("name", stateMachine.name())
        .put("type", stateMachine.type().name())
        .put("creationDate", Wire.timestamp(stateMachine.creationDate())));
    if (found.size() > pageSize) {
      json.put("nextToken", TOKENS.write(found.get(pageSize - 1).stateMachineArn().value()));
    }
    return json;
  }
}
