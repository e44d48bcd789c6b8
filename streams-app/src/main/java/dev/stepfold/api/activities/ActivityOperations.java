package dev.stepfold.api.activities;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on activities (create, describe, delete, list) and the workers' long poll for their tasks. */
public final class ActivityOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(
        new CreateActivity(services),
        new DescribeActivity(services),
        new DeleteActivity(services),
        new ListActivities(services),
        new GetActivityTask(services));
  }
}
