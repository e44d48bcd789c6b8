package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where reads go: the instance that owns an execution, and every instance for a listing. */
interface ReadRouting {
  /** The reads of the instance that owns the execution now; {@link StoreUnavailable} while none does. */
  InstanceReads owner(ExecutionArn executionArn);

  /** The reads of the instance that owns a key of the commands topic (a map run's ARN) now. */
  InstanceReads ownerOf(String key);

  /** The executions grouped by the instance that owns each now. */
  default Map<InstanceReads, List<ExecutionArn>> owners(List<ExecutionArn> executionArns) {
    var owners = new LinkedHashMap<InstanceReads, List<ExecutionArn>>();
    executionArns.forEach(executionArn -> owners.computeIfAbsent(owner(executionArn), owner -> new ArrayList<>()).add(executionArn));
    return owners;
  }

  /** The reads of every instance that holds executions. */
  List<InstanceReads> everyInstance();

  /** How many partitions a complete listing covers. */
  int partitions();
}
