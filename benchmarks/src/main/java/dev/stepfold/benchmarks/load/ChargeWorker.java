package dev.stepfold.benchmarks.load;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.streams.StepfoldRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The workflow's task: answers every dispatched task with a charge receipt. */
final class ChargeWorker implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private ChargeWorker(StepfoldRuntime runtime) {
    this.thread = new Thread(() -> run(runtime), "charge-worker");
  }

  static ChargeWorker start(StepfoldRuntime runtime, int threads) {
    var worker = new ChargeWorker(runtime);
    worker.thread.start();
    return worker;
  }

  private void run(StepfoldRuntime runtime) {
    var topics = runtime.topics();
    var codec = AvroCodec.parsingDefinitions();
    var serializer = topics.commands().valueSerde().serializer();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "charge-worker",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), topics.tasks().valueSerde().deserializer());
        var producer = new KafkaProducer<String, byte[]>(Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      consumer.subscribe(java.util.List.of(topics.tasks().name()));
      while (running.get()) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          var task = record.value();
          var execution = new ExecutionArn(task.getExecutionArn());
          var success = new Command.SendTaskSuccess("answer-" + task.getTaskToken(), execution, new TaskToken(task.getTaskToken()),
              "{\"receipt\": \"r-" + task.getScheduledEventId() + "\"}");
          producer.send(new ProducerRecord<>(topics.commands().name(), execution.value(), serializer.serialize(topics.commands().name(), codec.avro(success))));
        }
        producer.flush();
        consumer.commitSync();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
