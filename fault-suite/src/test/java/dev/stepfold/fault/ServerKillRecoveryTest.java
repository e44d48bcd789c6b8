package dev.stepfold.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepfold server} SIGKILLed while an execution waits on a task with {@code TimeoutSeconds: 30}, and started again
 * on the same data directory: the task's answer, sent by a worker started after the restart, ends the execution
 * successfully — the restart took less than the time-out — with its history whole.
 */
class ServerKillRecoveryTest {
  private static final String DEFINITION = """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "recovery-charge", "Payload.$": "$"}, "TimeoutSeconds": 30, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}""";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Deployment.Mode.class)
  void shouldCompleteAnExecutionStartedBeforeTheKillWithinItsTaskTimeout(Deployment.Mode mode) throws Exception {
    try (var deployment = Deployment.create(mode, dir, List.of())) {
      deployment.start();
      try (var watch = TopicWatch.start(deployment.bootstrapServers(), deployment.registryUrl(), Duration.ofMinutes(3))) {
        var execution = JsonCommands.executionArn("recovery", "order-1");
        watch.send(execution, JsonCommands.startExecution("start-order-1", execution, "recovery", DEFINITION, "{\"order\": 1}"));
        TopicWatch.await(() -> watch.history(execution).stream().anyMatch(e -> type(e).equals("TaskScheduled")) ? true : null,
            Duration.ofMinutes(3), "the task scheduled");

        deployment.killServer();
        deployment.startServer();
        try (var worker = TaskWorker.builder()
            .bootstrapServers(deployment.bootstrapServers())
            .schemaRegistryUrl(deployment.registryUrl())
            .resources("recovery-charge")
            .instanceName("recovery-test")
            .handler(task -> TaskResult.success("{\"charged\": true}"))
            .start()) {
          var closed = TopicWatch.await(() -> watch.history(execution).stream().filter(e -> type(e).startsWith("Execution")
              && !type(e).equals("ExecutionStarted")).findFirst().orElse(null), Duration.ofMinutes(3), "the execution closed");

          assertThat(type(closed)).isEqualTo("ExecutionSucceeded");
          var events = watch.history(execution);
          assertThat(events).extracting(ServerKillRecoveryTest::type).doesNotContain("TaskTimedOut")
              .containsSubsequence("ExecutionStarted", "TaskScheduled", "TaskSucceeded", "ExecutionSucceeded");
          assertThat(events).extracting(HistoryEventRecord::getId)
              .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        }
      }
    }
  }

  private static String type(HistoryEventRecord event) {
    return event.getType().name();
  }
}
