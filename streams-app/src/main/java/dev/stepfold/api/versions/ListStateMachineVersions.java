package dev.stepfold.api.versions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.Wire;
import dev.stepfold.statemachine.StateMachineTarget;

/**
 * {@code ListStateMachineVersions}: the versions of a state machine from the global store, newest first, in pages whose
 * {@code nextToken} holds the number of the last version shown. A state machine without versions, or none, has none.
 */
final class ListStateMachineVersions implements Operation {
  private static final PageToken TOKENS = new PageToken("ListStateMachineVersions");
  private final ApiServices services;

  ListStateMachineVersions(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListStateMachineVersions";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var arn = ApiArns.stateMachine(in.requiredArn("stateMachineArn"));
    int pageSize = in.pageSize();
    var token = in.nextToken(Members.PAGE_TOKEN_LENGTH);
    long below = token.map(value -> number(TOKENS.read(value), value)).orElse(Long.MAX_VALUE);
    if (!(StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest)) {
      throw ApiException.validation("Expected the ARN of a state machine, but got a qualified ARN: '" + arn + "'");
    }
    ApiArns.refuseLabelled(arn);
    var versions = Wire.read(() -> services.stateMachines().versions(arn.value())).stream()
        .filter(version -> version.version().orElseThrow() < below).toList();
    var json = Wire.object();
    var items = json.putArray("stateMachineVersions");
    versions.stream().limit(pageSize).forEach(version -> items.addObject()
        .put("stateMachineVersionArn", version.key())
        .put("creationDate", Wire.timestamp(version.creationDate())));
    if (versions.size() > pageSize) {
      json.put("nextToken", TOKENS.write(Long.toString(versions.get(pageSize - 1).version().orElseThrow())));
    }
    return json;
  }

  private static long number(String position, String token) {
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      throw ApiException.of(dev.stepfold.error.ApiError.INVALID_TOKEN, "Invalid Token: '" + token + "'");
    }
  }
}
