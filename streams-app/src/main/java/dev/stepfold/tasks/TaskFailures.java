package dev.stepfold.tasks;

import dev.stepfold.worker.TaskResult;

/** The errors the runners fail a task with, besides those a called service names. */
final class TaskFailures {
  /** The call did not answer in time. */
  static final String TIMEOUT = "States.Timeout";
  /** An HTTP task's parameters cannot make a request (or a connection named is not configured). */
  static final String RUNTIME = "States.Runtime";
  /** An HTTP task's request could not reach the server: refused, reset, unknown host. */
  static final String HTTP_SOCKET = "States.Http.Socket";
  /** An HTTP task's answer was not 2XX: {@code States.Http.StatusCode.<code>}. */
  static final String HTTP_STATUS_PREFIX = "States.Http.StatusCode.";

  private TaskFailures() {}

  static TaskResult timedOut(java.time.Duration after) {
    return TaskResult.failure(TIMEOUT, "The call did not answer within " + after.toSeconds() + " seconds");
  }

  static TaskResult runtime(String cause) {
    return TaskResult.failure(RUNTIME, cause);
  }
}
