package dev.stepfold.worker;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ReportTaskStartedCommand;
import dev.stepfold.schemas.SendTaskFailureCommand;
import dev.stepfold.schemas.SendTaskHeartbeatCommand;
import dev.stepfold.schemas.SendTaskSuccessCommand;
import java.util.UUID;

/** The commands a worker answers a task with, each with a request id of its own. */
final class TaskAnswers {
  /** AWS's limits on SendTaskFailure's error and cause. */
  static final int MAX_ERROR_LENGTH = 256;
  static final int MAX_CAUSE_LENGTH = 32_768;

  private TaskAnswers() {}

  static CommandRecord of(WorkerTask task, TaskResult result) {
    if (result instanceof TaskResult.Success success) {
      return command(task, new SendTaskSuccessCommand(task.taskToken(), WorkerJson.write(success.output())));
    }
    var failure = (TaskResult.Failure) result;
    return command(task, new SendTaskFailureCommand(task.taskToken(), truncate(failure.error(), MAX_ERROR_LENGTH),
        truncate(failure.cause(), MAX_CAUSE_LENGTH)));
  }

  /** A failure for an exception out of the handler: its class name and its message. */
  static TaskResult failure(Throwable thrown) {
    return TaskResult.failure(thrown.getClass().getName(), thrown.getMessage() == null ? thrown.getClass().getName() : thrown.getMessage());
  }

  static CommandRecord heartbeat(WorkerTask task) {
    return command(task, new SendTaskHeartbeatCommand(task.taskToken()));
  }

  static CommandRecord started(WorkerTask task, String workerName) {
    return command(task, new ReportTaskStartedCommand(task.taskToken(), workerName));
  }

  /** A worker reads no replies: what its answer did is in the history, so none is written. */
  private static CommandRecord command(WorkerTask task, Object command) {
    return CommandRecord.newBuilder()
        .setRequestId("worker-" + UUID.randomUUID())
        .setExecutionArn(task.executionArn())
        .setCommand(command)
        .setReply(false)
        .build();
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
