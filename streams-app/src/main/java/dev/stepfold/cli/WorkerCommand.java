package dev.stepfold.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.streams.InstanceName;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.Topics;
import dev.stepfold.worker.example.OrderWorkers;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code stepfold worker}: the example Kafka workers of {@code examples/kafka-worker}, against a running server. */
@CommandLine.Command(
    name = "worker",
    description = {
        "Runs the example Kafka task workers of examples/kafka-worker (charge-card",
        "and ship-order) against a running stepfold server until stopped (Ctrl-C).",
        "With --start it first starts an execution of the definition given, by a",
        "JSON command on the commands topic, prints its history as it happens and",
        "exits when the execution closes: 0 when it succeeded, 1 otherwise."},
    mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> CLOSING_EVENTS = List.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut");

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "localhost:9092", description = "default: ${DEFAULT-VALUE}")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL", defaultValue = "http://localhost:8081", description = "default: ${DEFAULT-VALUE}")
  String schemaRegistryUrl;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "the server's stepfold.topic.prefix (default: none)")
  String topicPrefix;

  @Option(names = "--instance-name", paramLabel = "NAME",
      description = "this worker's stable name, its static group membership (default: one kept in --data-dir)")
  String instanceName;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "stepfold-data",
      description = "where the worker keeps its instance name (default: ${DEFAULT-VALUE}; each worker in it gets its own)")
  Path dataDir;

  @Option(names = "--start", paramLabel = "DEFINITION.json", description = "starts one execution of this definition and follows it")
  Path definition;

  @Option(names = "--input", paramLabel = "INPUT.json", description = "the input of the execution --start starts (default: {})")
  Path input;

  @Option(names = "--execution-name", paramLabel = "NAME", description = "the name of the execution --start starts (default: order-<time>)")
  String executionName;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var instance = instanceName != null ? instanceName : InstanceName.claim(dataDir, "worker-instance-name");
    var workers = OrderWorkers.start(bootstrapServers, schemaRegistryUrl, topicPrefix, Optional.of(instance));
    out.printf("stepfold: workers for charge-card and ship-order take tasks from %s%n", Topics.name(topicPrefix, Topics.TASKS));
    out.flush();
    if (definition != null) {
      try (workers) {
        return startAndFollow(out);
      }
    }
    // the hook closes the workers itself: the JVM does not wait for this thread once the hooks are done
    var stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      workers.close();
    }, "stepfold-worker-shutdown"));
    while (workers.isRunning()) {
      Thread.sleep(1000);
    }
    if (!stopping.get()) {
      workers.close();
      spec.commandLine().getErr().println("stepfold: a worker stopped on its own; see the log");
      return 1;
    }
    return 0;
  }

  private int startAndFollow(PrintWriter out) throws Exception {
    var topics = Topics.create(topicPrefix, new RestSchemaRegistryClient(schemaRegistryUrl));
    // the server's region and account (STEPFOLD_REGION, STEPFOLD_ACCOUNT), so that the execution's ARNs are those of its definitions
    var arns = StepfoldConfig.load(Optional.empty(), System.getenv()).arnFormat();
    var stateMachine = arns.stateMachine("kafka-orders");
    var execution = stateMachine.execution(executionName != null ? executionName : "order-" + System.currentTimeMillis()).value();
    var requestId = "start-" + execution.substring(execution.lastIndexOf(':') + 1);
    var command = MAPPER.createObjectNode().put("requestId", requestId).put("executionArn", execution);
    var start = command.putObject("command").putObject("StartExecution")
        .put("stateMachineArn", stateMachine.value())
        .put("roleArn", "arn:aws:iam::" + arns.account() + ":role/stepfold");
    start.set("definition", MAPPER.readTree(definition.toFile()));
    start.set("input", input == null ? MAPPER.createObjectNode() : MAPPER.readTree(input.toFile()));

    try (var follower = new KafkaConsumer<>(Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(), new ByteArraySerializer())) {
      var partitions = new ArrayList<TopicPartition>();
      for (var topic : List.of(topics.history().name(), topics.replies().name())) {
        follower.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      follower.assign(partitions);
      follower.seekToEnd(partitions);
      partitions.forEach(follower::position);
      producer.send(new ProducerRecord<>(topics.commands().name(), execution,
          MAPPER.writeValueAsString(command).getBytes(StandardCharsets.UTF_8))).get();
      out.println("stepfold: started " + execution);
      out.flush();
      var codec = AvroCodec.parsingDefinitions();
      while (true) {
        for (ConsumerRecord<String, byte[]> record : follower.poll(Duration.ofMillis(200))) {
          if (!execution.equals(record.key())) {
            continue;
          }
          if (record.topic().equals(topics.replies().name())) {
            ReplyRecord reply = topics.replies().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (reply.getRequestId().equals(requestId) && reply.getOutcome() instanceof RejectedReply rejected) {
              spec.commandLine().getErr().println(rejected.getErrorType() + ": " + rejected.getMessage());
              return 1;
            }
            continue;
          }
          HistoryEventRecord event = topics.history().valueSerde().deserializer().deserialize(record.topic(), record.value());
          out.println(HistoryJson.toText(codec.event(event)));
          out.flush();
          if (CLOSING_EVENTS.contains(event.getType().name())) {
            return event.getType().name().equals("ExecutionSucceeded") ? 0 : 1;
          }
        }
      }
    }
  }
}
