package dev.stepfold.api.statemachines;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on state machines: create, describe, update, list, delete, and validating a definition. */
public final class StateMachineOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(
        new CreateStateMachine(services),
        new DescribeStateMachine(services),
        new UpdateStateMachine(services),
        new ListStateMachines(services),
        new DeleteStateMachine(services),
        new ValidateStateMachineDefinition());
  }
}
