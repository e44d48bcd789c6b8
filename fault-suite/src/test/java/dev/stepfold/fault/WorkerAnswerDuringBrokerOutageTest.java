package dev.stepfold.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka worker whose answers cannot reach the broker — it was SIGKILLed while the handlers ran, and stays down for
 * longer than the worker's producer waits for an acknowledgement, and the schema registry with it — sends them again
 * until they are acknowledged: every execution completes with the answer of its task's first run.
 */
class WorkerAnswerDuringBrokerOutageTest {
  private static final String DEFINITION = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "outage-charge", "Payload.$": "$"}, "End": true}}}""";
  private static final int EXECUTIONS = 3;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

  @TempDir
  Path dir;

  @Test
  void shouldSendEveryAnswerAgainUntilTheBrokerIsBack() throws Exception {
    try (var deployment = Deployment.create(Deployment.Mode.CLUSTER, dir, List.of())) {
      deployment.start();
      var taken = new CountDownLatch(EXECUTIONS);
      var brokerDown = new CountDownLatch(1);
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      try (var watch = TopicWatch.start(deployment.bootstrapServers(), deployment.registryUrl(), Duration.ofMinutes(3));
          var worker = TaskWorker.builder()
              .bootstrapServers(deployment.bootstrapServers())
              .schemaRegistryUrl(deployment.registryUrl())
              .resources("outage-charge")
              .instanceName("outage-test")
              .concurrency(2 * EXECUTIONS)
              .closeTimeout(Duration.ofSeconds(1))
              .clientProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis())
              .clientProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000)
              .clientProperty(ProducerConfig.LINGER_MS_CONFIG, 0)
              .handler(task -> {
                if (runs.computeIfAbsent(task.executionArn(), arn -> new AtomicInteger()).incrementAndGet() > 1) {
                  // taken again (a consumer that lost its position reads its uncommitted tasks again): this run never
                  // answers, so only the first run's answer, sent again through the outage, can end the execution
                  new CountDownLatch(1).await();
                }
                taken.countDown();
                brokerDown.await();
                return TaskResult.success("{\"charged\": true}");
              })
              .start()) {
        var executions = new java.util.ArrayList<String>();
        for (int i = 0; i < EXECUTIONS; i++) {
          var execution = JsonCommands.executionArn("outage", "order-" + i);
          executions.add(execution);
          watch.send(execution, JsonCommands.startExecution("start-" + i, execution, "outage", DEFINITION, "{}"));
        }
        TopicWatch.await(() -> taken.getCount() == 0 ? true : null, Duration.ofMinutes(3), "every task taken by the worker");

        deployment.killBroker();
        brokerDown.countDown();
        // down for longer than the producer waits: each answer fails at least once
        var back = Instant.now().plus(DELIVERY_TIMEOUT.multipliedBy(3));
        TopicWatch.await(() -> Instant.now().isAfter(back) ? true : null, DELIVERY_TIMEOUT.multipliedBy(4), "the outage to last");
        deployment.startBroker();

        for (var execution : executions) {
          var closed = TopicWatch.await(() -> closing(watch.history(execution)), Duration.ofMinutes(3), execution + " closed");
          assertThat(closed.getType().name()).isEqualTo("ExecutionSucceeded");
        }
        for (var execution : executions) {
          assertThat(watch.history(execution)).extracting(e -> e.getType().name()).containsOnlyOnce("TaskSucceeded").doesNotContain("TaskTimedOut");
        }
      }
    }
  }

  private static HistoryEventRecord closing(List<HistoryEventRecord> events) {
    return events.stream().filter(e -> e.getType().name().matches("Execution(Succeeded|Failed|TimedOut|Aborted)")).findFirst().orElse(null);
  }
}
