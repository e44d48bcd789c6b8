package dev.stepfold.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import dev.stepfold.worker.WorkerTask;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerConfig;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The fault suite's Kafka worker, and the faults it makes: it applies each task's effect to the idempotent sink and
 * answers — sometimes slowly, sometimes twice (a second SendTaskSuccess with the same token, straight onto the
 * commands topic), and sometimes not at all, crashing after the work and before the answer: the worker is then closed
 * with the task uncommitted and a new one started under the same instance name, which takes the task again. Tasks are
 * deterministic, as the sink assumes: one run again does what its first run did. Its records carry the time of its
 * {@link JumpingClock}.
 */
final class SuiteWorker implements AutoCloseable {
  private final Deployment deployment;
  private final TopicWatch watch;
  private final IdempotentSink sink;
  private final FaultCounts faults;
  private final Random random;
  private final Map<String, String> failing = new ConcurrentHashMap<>();
  private volatile TaskWorker worker;
  private volatile boolean crashing;

  SuiteWorker(Deployment deployment, TopicWatch watch, IdempotentSink sink, FaultCounts faults, long seed) {
    this.deployment = deployment;
    this.watch = watch;
    this.sink = sink;
    this.faults = faults;
    this.random = new Random(seed);
  }

  void start() {
    worker = TaskWorker.builder()
        .bootstrapServers(deployment.bootstrapServers())
        .schemaRegistryUrl(deployment.registryUrl())
        .resources("fault-work")
        .instanceName("fault-suite")
        .concurrency(8)
        .closeTimeout(Duration.ofSeconds(2))
        .clientProperty(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, JumpingClock.class.getName())
        .handler(this::handle)
        .start();
  }

  private TaskResult handle(WorkerTask task) throws InterruptedException {
    var key = task.executionArn() + "/" + task.input().path("step").asText();
    // the task that fails is the first one of its execution and state, and it fails every time it runs: a task run
    // again (its worker crashed before its answer was committed) ends as it ended the first time
    if (task.input().path("flaky").asBoolean() && failing.computeIfAbsent(key, k -> task.taskToken()).equals(task.taskToken())) {
      return TaskResult.failure("Fault.Planned", "fails once, by design");
    }
    double dice;
    synchronized (random) {
      dice = random.nextDouble();
    }
    if (dice < 0.10) {
      faults.count("slow answer");
      Thread.sleep(500 + (long) (dice * 20_000));
    }
    sink.apply(task.taskToken());
    if (dice > 0.96 && !crashing) {
      crashing = true;
      faults.count("worker crash after the work, before the answer");
      var crashed = worker;
      new Thread(() -> restart(crashed), "fault-worker-crash").start();
      new CountDownLatch(1).await();   // interrupted when the crashed worker closes: no answer
    }
    if (dice > 0.90 && dice <= 0.96) {
      faults.count("duplicate answer");
      watch.send(task.executionArn(), """
          {"requestId": "duplicate-%s", "executionArn": "%s", "command": {"SendTaskSuccess": {"taskToken": "%s", "output": {"duplicate": true}}}}"""
          .formatted(task.taskToken(), task.executionArn(), task.taskToken()));
    }
    return TaskResult.success(JsonNodeFactory.instance.objectNode().put("applied", true));
  }

  private void restart(TaskWorker crashed) {
    crashed.close();
    start();
    crashing = false;
  }

  @Override
  public void close() {
    worker.close();
  }
}
