package dev.stepfold.api.executions;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on executions: start, stop, describe, list, history, redrive, and the definition an execution ran. */
public final class ExecutionOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(
        new StartExecution(services),
        new StopExecution(services),
        new DescribeExecution(services),
        new ListExecutions(services),
        new GetExecutionHistory(services),
        new RedriveExecution(services),
        new DescribeStateMachineForExecution(services));
  }
}
