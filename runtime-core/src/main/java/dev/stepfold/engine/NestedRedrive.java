package dev.stepfold.engine;

/**
 * What a parent's redrive does with the child execution of a {@code .sync} StartExecution task that failed (its child
 * failed, timed out or was stopped) and now runs again.
 */
public enum NestedRedrive {
  /** As AWS: the Task state calls StartExecution again, and a new child starts (R29). */
  START_AGAIN,
  /**
   * Beyond AWS: the failed child is redriven, so it continues from its own failed step and keeps its history; the Task
   * state's new task waits for it. A child that cannot be redriven fails the task with the refusal.
   */
  REDRIVE_CHILD
}
