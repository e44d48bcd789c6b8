package dev.stepfold.api;

import java.util.List;

/**
 * A group of operations (executions, state machines, activities, tags, ...), found by {@link java.util.ServiceLoader}:
 * a group is a class with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.stepfold.api.OperationGroup}. Adding an operation is one class added to its group's
 * list; adding a group is one line in that file. {@link Operations} refuses two operations for one target.
 */
public interface OperationGroup {
  List<Operation> operations(ApiServices services);
}
