package dev.stepfold.api.stepfold;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** stepfold's own operations, under {@code X-Amz-Target: Stepfold.<name>}: the redrive plan, bulk redrive with its report, and redrive after a fix. */
public final class StepfoldOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new GetRedrivePlan(services), new BulkRedrive(services), new RedriveExecutionAfterFix(services));
  }
}
