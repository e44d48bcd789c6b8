package dev.stepfold.api.aliases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.error.ApiError;
import dev.stepfold.statemachine.StateMachineAlias;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.statemachine.StateMachineTarget;
import java.util.function.Predicate;

/**
 * {@code ListStateMachineAliases}: the aliases of a state machine, or those that route to a version when given a
 * version ARN, in the order they were created (as AWS lists them), in pages whose {@code nextToken} holds the name of the
 * last alias shown.
 */
final class ListStateMachineAliases implements Operation {
  private static final PageToken TOKENS = new PageToken("ListStateMachineAliases");
  private final ApiServices services;

  ListStateMachineAliases(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListStateMachineAliases";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var value = in.requiredArn("stateMachineArn");
    int pageSize = in.pageSize();
    var after = in.nextToken(Members.PAGE_TOKEN_LENGTH).map(TOKENS::read);
    var arn = ApiArns.stateMachine(value);
    ApiArns.refuseLabelled(arn);
    var target = StateMachineTarget.of(arn);
    if (target instanceof StateMachineTarget.Alias) {
      throw ApiArns.invalid(value);
    }
    var stateMachineArn = target.stateMachineArn().value();
    var revision = Wire.read(() -> services.stateMachines().find(stateMachineArn))
        .orElseThrow(() -> ApiException.of(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + stateMachineArn + "'"));
    if (revision.deleting()) {
      throw ApiException.of(ApiError.STATE_MACHINE_DELETING, StateMachineDecider.deletingMessage(stateMachineArn));
    }
    Predicate<StateMachineAlias> listed = alias -> true;
    if (target instanceof StateMachineTarget.Version version) {
      if (Wire.read(() -> services.stateMachines().find(version.arn())).isEmpty()) {
        throw ResourceErrors.notFound(DescribeStateMachineAlias.NOT_FOUND, version.arn());
      }
      listed = alias -> alias.routesTo(version.arn());
    }
    var aliases = revision.aliases().stream().filter(listed).toList();
    int from = 0;
    if (after.isPresent()) {
      var name = after.get();
      from = aliases.stream().map(StateMachineAlias::name).toList().indexOf(name) + 1;
    }
    var page = aliases.subList(Math.min(from, aliases.size()), Math.min(from + pageSize, aliases.size()));
    var json = Wire.object();
    var items = json.putArray("stateMachineAliases");
    page.forEach(alias -> items.addObject()
        .put("stateMachineAliasArn", alias.arn(target.stateMachineArn()))
        .put("creationDate", Wire.timestamp(alias.creationDate())));
    if (from + pageSize < aliases.size()) {
      json.put("nextToken", TOKENS.write(page.get(page.size() - 1).name()));
    }
    return json;
  }
}
