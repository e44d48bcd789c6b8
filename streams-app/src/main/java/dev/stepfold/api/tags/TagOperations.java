package dev.stepfold.api.tags;

import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.OperationGroup;
import java.util.List;

/** The operations on tags, of state machines and activities. */
public final class TagOperations implements OperationGroup {
  @Override
  public List<Operation> operations(ApiServices services) {
    return List.of(new TagResource(services), new UntagResource(services), new ListTagsForResource(services));
  }
}
