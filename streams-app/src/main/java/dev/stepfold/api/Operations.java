package dev.stepfold.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry: every operation of every {@link OperationGroup} on the class path, by its {@code X-Amz-Target}. A target
 * that names one of AWS's 37 operations that no group answers yet is answered {@code UnsupportedOperation}; any other
 * unknown target {@code UnknownOperationException}.
 */
public final class Operations {
  private final Map<String, Operation> byTarget;

  private Operations(Map<String, Operation> byTarget) {
    this.byTarget = Map.copyOf(byTarget);
  }

  /** The operations of the groups {@link ServiceLoader} finds. */
  public static Operations load(ApiServices services) {
    var groups = ServiceLoader.load(OperationGroup.class).stream().map(ServiceLoader.Provider::get).toList();
    return of(services, groups);
  }

  static Operations of(ApiServices services, List<? extends OperationGroup> groups) {
    var byTarget = new HashMap<String, Operation>();
    for (var group : groups) {
      for (var operation : group.operations(services)) {
        var target = operation.target();
        if (target.startsWith(Operation.AWS_TARGET_PREFIX) && !AwsOperations.ALL.contains(operation.name())) {
          throw new IllegalStateException("Expected " + group.getClass().getName() + " to answer operations of the Step Functions API, but "
              + operation.name() + " is none of them; stepfold's own operations have a target of their own");
        }
        var earlier = byTarget.putIfAbsent(target, operation);
        if (earlier != null) {
          throw new IllegalStateException("Expected one operation for " + target + ", but " + earlier.getClass().getName() + " and "
              + operation.getClass().getName() + " both answer it");
        }
      }
    }
    return new Operations(byTarget);
  }

  /** The operation of a target; an {@link ApiException} when there is none. */
  public Operation find(Optional<String> target) {
    if (target.isEmpty()) {
      throw new ApiException(ErrorTypes.UNKNOWN_OPERATION, "Missing X-Amz-Target: expected AWSStepFunctions.<Operation>");
    }
    var operation = byTarget.get(target.get());
    if (operation != null) {
      return operation;
    }
    var name = target.get().substring(target.get().indexOf('.') + 1);
    if (target.get().startsWith(Operation.AWS_TARGET_PREFIX) && AwsOperations.ALL.contains(name)) {
      throw new ApiException(ErrorTypes.UNSUPPORTED_OPERATION, "stepfold does not answer " + name + " yet");
    }
    throw new ApiException(ErrorTypes.UNKNOWN_OPERATION, "Unknown operation " + target.get());
  }

  /** Whether an operation of AWS's API is answered (for the README's table and its test). */
  public boolean answers(String awsOperation) {
    return byTarget.containsKey(Operation.AWS_TARGET_PREFIX + awsOperation);
  }
}
