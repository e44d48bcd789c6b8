package dev.stepfold.benchmarks.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.streams.StepfoldRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The workflow's one task in the API mode: taken from {@code stepfold.tasks} (read_committed) as a Kafka worker takes
 * it, and answered over the API with SendTaskSuccess and the task's token, the same receipt {@link ChargeWorker}
 * gives.
 */
final class ApiChargeWorker implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private ApiChargeWorker(Thread thread) {
    this.thread = thread;
  }

  /** Reads the tasks written from now on; {@code client} carries the answers. */
  static ApiChargeWorker start(StepfoldRuntime runtime, AwsJsonClient client) {
    var topic = runtime.topics().tasks();
    var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), topic.valueSerde().deserializer());
    var partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);   // fix "the end" now, before the first task is written
    var worker = new ApiChargeWorker[1];
    var thread = new Thread(() -> {
      try (consumer) {
        while (worker[0].running.get()) {
          for (var record : consumer.poll(Duration.ofMillis(100))) {
            if (record.value().getResourceArn().equals(LoadDriver.TASK_RESOURCE)) {
              client.submit("SendTaskSuccess", answer(record.value()), refusal -> { });
            }
          }
        }
      }
    }, "api-charge-worker");
    thread.setDaemon(true);
    worker[0] = new ApiChargeWorker(thread);
    thread.start();
    return worker[0];
  }

  /** SendTaskSuccess for {@code task}: its token, and a receipt for the order in its payload. */
  static ObjectNode answer(TaskDispatchRecord task) {
    String orderId;
    try {
      orderId = AwsJsonClient.MAPPER.readTree(task.getPayload()).path("Payload").path("orderId").asText();
    } catch (IOException e) {
      orderId = "";
    }
    var output = AwsJsonClient.MAPPER.createObjectNode().put("receipt", "r-" + orderId);
    return AwsJsonClient.MAPPER.createObjectNode().put("taskToken", task.getTaskToken()).put("output", output.toString());
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
