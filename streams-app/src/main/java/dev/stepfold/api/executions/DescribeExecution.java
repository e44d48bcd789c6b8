package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;

/** {@code DescribeExecution}: the execution's summary and redrive status, read from the instance that owns it. */
final class DescribeExecution implements Operation {
  private final ApiServices services;

  DescribeExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = in.requiredArn("executionArn");
    var includeData = in.includesData();
    var description = Wire.read(() -> services.executions().describeExecution(executionArn));
    return DescribeExecutionOutput.of(description, includeData);
  }
}
