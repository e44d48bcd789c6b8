package dev.stepfold.api.versions;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on the versions of state machines: publish, list, delete (describe is DescribeStateMachine of a version ARN). */
public final class VersionOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new PublishStateMachineVersion(services), new ListStateMachineVersions(services), new DeleteStateMachineVersion(services));
  }
}
