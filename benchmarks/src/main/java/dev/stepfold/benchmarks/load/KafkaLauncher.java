package dev.stepfold.benchmarks.load;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateStateMachineCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.streams.StepfoldRuntime;
import dev.stepfold.worker.TaskWorker;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka mode: Avro CreateStateMachine and StartExecution commands (by state machine ARN) produced to the commands
 * topic, and the project's Kafka worker ({@link ChargeWorker}) answering the task. Neither reads replies, so neither
 * asks for one (unless {@code --start-replies}).
 */
final class KafkaLauncher implements Launcher {
  private final KafkaProducer<String, CommandRecord> producer;
  private final String topic;
  private final TaskWorker worker;
  private final boolean startReplies;

  /** {@code startReplies}: whether the starts ask for a reply record, which the driver does not read. */
  KafkaLauncher(StepfoldRuntime runtime, int workerThreads, int maxOutstanding, boolean startReplies) {
    this.startReplies = startReplies;
    this.topic = runtime.topics().commands().name();
    this.producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), runtime.topics().commands().valueSerde().serializer());
    this.worker = ChargeWorker.start(runtime, workerThreads, maxOutstanding);
  }

  @Override
  public void createStateMachine(StateMachineArn stateMachine, String definition) throws Exception {
    var create = CommandRecord.newBuilder()
        .setRequestId("create-" + stateMachine.name())
        .setExecutionArn(stateMachine.value())
        .setCommand(CreateStateMachineCommand.newBuilder()
            .setName(stateMachine.name())
            .setDefinition(definition)
            .setRoleArn(LoadDriver.ROLE)
            .build())
        .build();
    producer.send(new ProducerRecord<>(topic, stateMachine.value(), create)).get();
  }

  @Override
  public void start(StateMachineArn stateMachine, String executionName, String input, Runnable refused) {
    var execution = stateMachine.execution(executionName);
    var command = CommandRecord.newBuilder()
        .setRequestId("start-" + execution.name())
        .setExecutionArn(execution.value())
        .setCommand(StartExecutionCommand.newBuilder()
            .setStateMachineArn(stateMachine.value())
            .setExecutionType(null)
            .setDefinition(null)
            .setRoleArn(null)
            .setInput(input)
            .build())
        .setReply(startReplies)
        .build();
    producer.send(new ProducerRecord<>(topic, execution.value(), command));
  }

  @Override
  public void close() {
    producer.close();
    worker.close();
  }
}
