package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.util.List;

/** Where reads go: the instance that owns an execution, and every instance for a listing. */
interface ReadRouting {
  /** The reads of the instance that owns the execution now; {@link StoreUnavailable} while none does. */
  InstanceReads owner(ExecutionArn executionArn);

  /** The reads of every instance that holds executions. */
  List<InstanceReads> everyInstance();

  /** How many partitions a complete listing covers. */
  int partitions();
}
