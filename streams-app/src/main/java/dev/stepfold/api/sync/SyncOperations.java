package dev.stepfold.api.sync;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations AWS serves on its {@code sync-} host: StartSyncExecution and TestState, which answer with a run's outcome. */
public final class SyncOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new StartSyncExecution(services), new TestState(services));
  }
}
