package dev.stepfold.worker;

/**
 * The work a {@link TaskWorker} does for one task. It runs on one of the worker's handler threads; an exception it
 * throws is answered as a failure whose error is the exception's class name (as AWS Lambda's Java runtime reports it,
 * e.g. {@code java.lang.IllegalStateException}) and whose cause is its message.
 */
@FunctionalInterface
public interface TaskHandler {
  TaskResult handle(WorkerTask task) throws Exception;
}
