package dev.stepfold.api.aliases;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on the aliases of state machines: create, describe, update, delete, list. */
public final class AliasOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(
        new CreateStateMachineAlias(services),
        new DescribeStateMachineAlias(services),
        new UpdateStateMachineAlias(services),
        new DeleteStateMachineAlias(services),
        new ListStateMachineAliases(services));
  }
}
