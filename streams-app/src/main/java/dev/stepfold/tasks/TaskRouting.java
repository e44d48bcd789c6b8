package dev.stepfold.tasks;

import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.streams.StepfoldConfig;

/**
 * Where a dispatched task is written, decided by the routes of the configuration ({@code stepfold.tasks.route.<name>.*}):
 * a task whose route gives it to a runner of the server (HTTP, Lambda-style endpoint, mock) goes to
 * {@code stepfold.tasks.runners}, where only the server's runners read; every other task goes to {@code stepfold.tasks}
 * for Kafka workers and activity pollers. So a Kafka worker, even one serving every resource, never gets a task a route
 * gave to the server. Asked on the stream thread for each task, with the same routes the runners have.
 */
public final class TaskRouting {
  private final TaskRunnerSettings settings;

  private TaskRouting(TaskRunnerSettings settings) {
    this.settings = settings;
  }

  /** Reads and checks the routes ({@link IllegalArgumentException} naming a wrong setting). */
  public static TaskRouting of(StepfoldConfig config) {
    return new TaskRouting(TaskRunnerSettings.of(config));
  }

  /** Whether the task's route gives it to a runner of the server rather than to a Kafka worker. */
  public boolean toRunners(TaskDispatch task) {
    return settings.route(task.resource().arn(), task.payload()).filter(route -> route.runner() != RunnerKind.KAFKA).isPresent();
  }
}
