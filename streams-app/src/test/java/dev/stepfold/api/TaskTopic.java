package dev.stepfold.api;

import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.streams.StepfoldRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a Kafka-native worker sees: the tasks dispatched on {@code stepfold.tasks}, read_committed, each handed out once. */
final class TaskTopic implements AutoCloseable {
  private final KafkaConsumer<String, TaskDispatchRecord> consumer;
  private final List<TaskDispatchRecord> unclaimed = new ArrayList<>();
  private final Set<String> claimed = new HashSet<>();

  TaskTopic(StepfoldRuntime runtime) {
    var topic = runtime.topics().tasks();
    consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), topic.valueSerde().deserializer());
    var partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** The next task of the execution in state {@code stateName} not taken yet; fails after {@link RunningApi#PATIENCE}. */
  synchronized TaskDispatchRecord take(String executionArn, String stateName) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      for (var task : unclaimed) {
        if (task.getExecutionArn().equals(executionArn) && task.getStateName().equals(stateName) && claimed.add(task.getTaskToken())) {
          unclaimed.remove(task);
          return task;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected a task of " + stateName + " in " + executionArn + ", but none came");
      }
      consumer.poll(Duration.ofMillis(100)).forEach(record -> unclaimed.add(record.value()));
    }
  }

  /** Whether no task of the execution is waiting to be taken, after reading what the topic holds now. */
  synchronized boolean hasNoMore(String executionArn) {
    var records = consumer.poll(Duration.ofMillis(500));
    records.forEach(record -> unclaimed.add(record.value()));
    return unclaimed.stream().noneMatch(task -> task.getExecutionArn().equals(executionArn) && !claimed.contains(task.getTaskToken()));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
