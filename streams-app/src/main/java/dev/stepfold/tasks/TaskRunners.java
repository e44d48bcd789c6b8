package dev.stepfold.tasks;

import dev.stepfold.schemas.serde.SchemaRegistryClient;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.Topics;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import dev.stepfold.worker.WorkerTask;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task runners of a server: the tasks routed to a runner of stepfold's own (HTTP tasks, Lambda-style endpoints,
 * mocked responses) and the tasks of executions started with a mock test case, done off the stream thread.
 *
 * <p>They take their work from {@code stepfold.tasks.runners}, where the host writes the tasks a route gives to the server
 * ({@link TaskRouting}) and no Kafka worker reads, in a consumer group of their own ({@code <application.id>.task-runners},
 * shared by the instances): the dispatch record on the topic is the durable work item, written in the transaction of the
 * decision that scheduled the task. With a mock configuration they also read {@code stepfold.tasks} (group
 * {@code <application.id>.task-runners.mocked}) for the tasks of executions started with a test case, which only the
 * server knows of. A task's offset is committed only once its
 * answer — the same SendTaskSuccess or SendTaskFailure command a Kafka worker writes — is on the commands topic; so a
 * server that crashes in the middle of an HTTP call calls again after its restart (or another instance does), and the
 * engine takes the first answer to a task and refuses any later one. Delivery is at least once; the effect on the
 * execution exactly once. At most {@code stepfold.tasks.threads} tasks run at once (4).
 */
public final class TaskRunners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunners.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long a closing server lets the calls in flight finish; a call still running then is made again by the next runner. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final List<TaskWorker> workers;
  private final Optional<MockedExecutions> mocked;

  private TaskRunners(List<TaskWorker> workers, Optional<MockedExecutions> mocked) {
    this.workers = workers;
    this.mocked = mocked;
  }

  /**
   * Reads and checks the runners' settings ({@link IllegalArgumentException} naming a wrong one) and starts the runners
   * when anything is routed to them; empty when every task is for Kafka workers.
   */
  public static Optional<TaskRunners> start(StepfoldConfig config, SchemaRegistryClient registry, MockedExecutions.HistoryReader history) {
    var settings = TaskRunnerSettings.of(config);
    if (!settings.anyRunner()) {
      return Optional.empty();
    }
    var bootstrap = config.bootstrapServers().orElseThrow(() -> new IllegalArgumentException("Expected bootstrap.servers for the task runners"));
    var mocked = settings.mockConfig().map(mocks -> MockedExecutions.start(config, mocks, history));
    var started = new ArrayList<TaskWorker>();
    try {
      var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      var http = new HttpInvokeRunner(client, settings.connections(), settings.httpTimeoutMax());
      var lambda = new LambdaEndpointRunner(client, settings.lambdaTimeoutMax());
      var router = new Router(settings, mocked, http, lambda);
      // every task on the runners' topic is theirs: a route gave it to them when it was dispatched
      started.add(worker(config, registry, bootstrap, settings, Topics.RUNNER_TASKS, settings.groupId(), task -> true, router));
      if (mocked.isPresent()) {
        // an execution's test case is known to the server, not to the router: its tasks on stepfold.tasks are looked up
        started.add(worker(config, registry, bootstrap, settings, Topics.TASKS, settings.groupId() + ".mocked", mocked.get()::mocks, router));
      }
      LOG.info("Task runners in group {}: {} routes, {} threads{}", settings.groupId(), settings.routes().size(), settings.threads(),
          mocked.isPresent() ? ", mocked test cases" : "");
      return Optional.of(new TaskRunners(List.copyOf(started), mocked));
    } catch (RuntimeException e) {
      started.forEach(TaskWorker::close);
      mocked.ifPresent(MockedExecutions::close);
      throw e;
    }
  }

  private static TaskWorker worker(StepfoldConfig config, SchemaRegistryClient registry, String bootstrap, TaskRunnerSettings settings,
      String topic, String groupId, Predicate<WorkerTask> filter, Router router) {
    var builder = TaskWorker.builder()
        .bootstrapServers(bootstrap)
        .schemaRegistry(registry)
        .topicPrefix(config.topicPrefix())
        .topic(topic)
        .groupId(groupId)
        .name("stepfold-task-runner")
        .concurrency(settings.threads())
        .closeTimeout(CLOSE_TIMEOUT)
        .dispatched(filter)
        .handler(router::run);
    config.streamsProperties().forEach((key, value) -> {
      var name = key.toString();
      if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
        builder.clientProperty(name, value);
      }
    });
    return builder.start();
  }

  /** The mocked test cases, when a mock configuration is set: the API registers the executions started with one. */
  public Optional<MockedExecutions> mockedExecutions() {
    return mocked;
  }

  /** Waits until the runners have their share of their topics. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var worker : workers) {
      if (!worker.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    workers.forEach(TaskWorker::close);
    mocked.ifPresent(MockedExecutions::close);
  }

  /** Which runner does a task: a mocked execution's test case first, then the task's route. */
  private record Router(TaskRunnerSettings settings, Optional<MockedExecutions> mocked, HttpInvokeRunner http, LambdaEndpointRunner lambda) {
    TaskResult run(WorkerTask task) throws InterruptedException {
      if (mocked.isPresent()) {
        var answer = mocked.get().answer(task);
        if (answer.isPresent()) {
          return answer.get();
        }
      }
      var route = settings.route(task.resourceArn(), task.input())
          .orElseThrow(() -> new IllegalStateException("Expected a route for a task the runners took, but " + task.resourceArn() + " has none"));
      return switch (route.runner()) {
        case HTTP -> http.run(task);
        case LAMBDA -> lambda.run(task, route.url().orElseThrow());
        case MOCK -> mocked.orElseThrow().response(route.response().orElseThrow(), task);
        case KAFKA -> throw new IllegalStateException("Expected a runner of the server's own for " + task.resourceArn() + ", but its route is kafka");
      };
    }
  }
}
