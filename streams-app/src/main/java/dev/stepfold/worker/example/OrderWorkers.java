package dev.stepfold.worker.example;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers of {@code examples/kafka-worker/definition.json}, one per resource, each in its own consumer group:
 * {@code charge-card} (called through {@code lambda:invoke}) answers the first attempt of each order with
 * {@code Payments.Unavailable}, so that the state's {@code Retry} shows, then a charge id; {@code ship-order} (a Lambda
 * function ARN) takes a second, then answers a tracking number.
 */
public final class OrderWorkers implements AutoCloseable {
  private final List<TaskWorker> workers;

  private OrderWorkers(List<TaskWorker> workers) {
    this.workers = workers;
  }

  /** Starts both workers against the runtime whose Kafka, registry and topic prefix are given. */
  public static OrderWorkers start(String bootstrapServers, String schemaRegistryUrl, String topicPrefix) {
    return start(bootstrapServers, schemaRegistryUrl, topicPrefix, java.util.Optional.empty());
  }

  /** The same, each worker a static member of its group under {@code instanceName} when one is given. */
  public static OrderWorkers start(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, java.util.Optional<String> instanceName) {
    Set<String> busyOnce = ConcurrentHashMap.newKeySet();
    var chargeCard = builder(instanceName)
        .bootstrapServers(bootstrapServers)
        .schemaRegistryUrl(schemaRegistryUrl)
        .topicPrefix(topicPrefix)
        .resources("charge-card")
        .handler(task -> {
          var orderId = task.input().path("orderId").asText();
          if (busyOnce.add(orderId)) {
            return TaskResult.failure("Payments.Unavailable", "The payment service is busy.");
          }
          return TaskResult.success(JsonNodeFactory.instance.objectNode().put("chargeId", "ch-" + orderId));
        })
        .start();
    var shipOrder = builder(instanceName)
        .bootstrapServers(bootstrapServers)
        .schemaRegistryUrl(schemaRegistryUrl)
        .topicPrefix(topicPrefix)
        .resources("ship-order")
        .handler(task -> {
          Thread.sleep(1000);
          return TaskResult.success(JsonNodeFactory.instance.objectNode().put("trackingNumber", "TRK-" + task.input().path("orderId").asText()));
        })
        .start();
    return new OrderWorkers(List.of(chargeCard, shipOrder));
  }

  private static TaskWorker.Builder builder(java.util.Optional<String> instanceName) {
    var builder = TaskWorker.builder();
    instanceName.ifPresent(builder::instanceName);
    return builder;
  }

  /** False once a worker stopped. */
  public boolean isRunning() {
    return workers.stream().allMatch(TaskWorker::isRunning);
  }

  @Override
  public void close() {
    workers.forEach(TaskWorker::close);
  }
}
