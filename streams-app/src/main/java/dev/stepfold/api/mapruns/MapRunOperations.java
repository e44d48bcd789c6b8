package dev.stepfold.api.mapruns;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on a Distributed Map's map runs: describe one, list an execution's, update a running one. */
public final class MapRunOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new DescribeMapRun(services), new ListMapRuns(services), new UpdateMapRun(services));
  }
}
