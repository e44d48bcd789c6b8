package dev.stepfold.api.tasks;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The workers' answers for any task token (activities, {@code .waitForTaskToken}, Kafka workers). */
public final class TaskTokenOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new SendTaskSuccess(services), new SendTaskFailure(services), new SendTaskHeartbeat(services));
  }
}
