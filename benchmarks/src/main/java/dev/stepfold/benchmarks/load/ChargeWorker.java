package dev.stepfold.benchmarks.load;

import dev.stepfold.streams.StepfoldRuntime;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;

/** The workflow's one task, done by the project's Kafka worker client: it answers every charge with a receipt. */
final class ChargeWorker {
  static final String FUNCTION = "charge";

  private ChargeWorker() {}

  static TaskWorker start(StepfoldRuntime runtime, int concurrency, int maxInFlight) {
    return TaskWorker.builder()
        .bootstrapServers(runtime.bootstrapServers())
        .schemaRegistryUrl(runtime.schemaRegistryUrl())
        .resources(FUNCTION)
        .concurrency(concurrency)
        .maxInFlight(maxInFlight)
        .handler(task -> TaskResult.success("{\"receipt\": \"r-" + task.input().path("orderId").asText() + "\"}"))
        .start();
  }
}
