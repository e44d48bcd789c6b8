package dev.stepfold.nested;

import dev.stepfold.engine.TaskDispatch;
import java.util.Arrays;
import java.util.Optional;

/** How a Task state calls StartExecution, by the resource its {@code TaskScheduled} names. */
public enum NestedPattern {
  /** Request-response: the task succeeds with StartExecution's answer. */
  REQUEST_RESPONSE("startExecution"),
  /** Run a job: the task ends when the child closes; its output has the child's input and output as JSON text. */
  SYNC("startExecution.sync"),
  /** Run a job: as {@link #SYNC}, with the child's input and output as JSON. */
  SYNC_2("startExecution.sync:2"),
  /** Callback: the task ends when someone calls SendTaskSuccess or SendTaskFailure with its token. */
  WAIT_FOR_TASK_TOKEN("startExecution.waitForTaskToken");

  static final String RESOURCE_TYPE = "states";
  private final String resource;

  NestedPattern(String resource) {
    this.resource = resource;
  }

  public String resource() {
    return resource;
  }

  /** Whether the task waits for the child to close, and the child is stopped when the task ends without its answer. */
  public boolean waitsForChild() {
    return this == SYNC || this == SYNC_2;
  }

  /** The pattern of a {@code states} task whose resource is one of StartExecution's. */
  public static Optional<NestedPattern> of(String resourceType, String resource) {
    if (!RESOURCE_TYPE.equals(resourceType)) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(pattern -> pattern.resource.equals(resource)).findFirst();
  }

  public static Optional<NestedPattern> of(TaskDispatch task) {
    return task.kind() == TaskDispatch.Kind.TASK ? of(task.resourceType(), task.resource()) : Optional.empty();
  }

  /** The pattern a resource name stands for; {@link IllegalArgumentException} when it stands for none. */
  public static NestedPattern ofResource(String resource) {
    return of(RESOURCE_TYPE, resource).orElseThrow(
        () -> new IllegalArgumentException("Expected a StartExecution resource of a parent task, but got '" + resource + "'"));
  }
}
