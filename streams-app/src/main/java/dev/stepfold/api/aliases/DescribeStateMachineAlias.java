package dev.stepfold.api.aliases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;

/** {@code DescribeStateMachineAlias}: the alias as the global store shows it, on its state machine's current revision. */
final class DescribeStateMachineAlias implements Operation {
  static final String NOT_FOUND = "Request references a resource that does not exist.";
  private final ApiServices services;

  DescribeStateMachineAlias(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeStateMachineAlias";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var alias = AliasMembers.alias(request.members().requiredArn("stateMachineAliasArn"));
    var found = Wire.read(() -> services.stateMachines().find(alias.stateMachineArn().value()))
        .flatMap(revision -> revision.alias(alias.name()))
        .orElseThrow(() -> ResourceErrors.notFound(NOT_FOUND, alias.arn()));
    var json = Wire.object().put("stateMachineAliasArn", alias.arn()).put("name", found.name());
    Wire.put(json, "description", found.description());
    var routing = json.putArray("routingConfiguration");
    found.routingConfiguration().forEach(route -> routing.addObject()
        .put("stateMachineVersionArn", route.stateMachineVersionArn())
        .put("weight", route.weight()));
    return json.put("creationDate", Wire.timestamp(found.creationDate())).put("updateDate", Wire.timestamp(found.updateDate()));
  }
}
