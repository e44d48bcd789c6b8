package dev.stepfold.api;

import java.util.ArrayList;
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
    var operations = new ArrayList<Operation>();
    ServiceLoader.load(OperationGroup.class).stream().map(ServiceLoader.Provider::get)
        .forEach(group -> operations.addAll(group.operations(services)));
    return of(operations);
  }

  /** These operations; two for one target, or one named like none of AWS's with AWS's target prefix, is a bug. */
  static Operations of(List<Operation> operations) {
    var byTarget = new HashMap<String, Operation>();
    for (var operation : operations) {
      var target = operation.target();
      if (target.startsWith(Operation.AWS_TARGET_PREFIX) && !AwsOperations.ALL.contains(operation.name())) {
        throw new IllegalStateException("Expected " + operation.getClass().getName() + " to be an operation of the Step Functions API, but "
            + operation.name() + " is none of them; stepfold's own operations have a target prefix of their own");
      }
      var earlier = byTarget.putIfAbsent(target, operation);
      if (earlier != null) {
        throw new IllegalStateException("Expected one operation for " + target + ", but " + earlier.getClass().getName() + " and "
            + operation.getClass().getName() + " both answer it");
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
