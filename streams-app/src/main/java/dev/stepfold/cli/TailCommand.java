package dev.stepfold.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.history.HistoryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stepfold tail}: the history topic as it is written, every partition, read_committed and with no consumer
 * group (nothing is committed), filtered by state machine, status or event type.
 */
@CommandLine.Command(
    name = "tail",
    description = {
        "Follows the history topic (stepfold.history) of a running stepfold through Kafka and prints each event as it is "
            + "committed, with its execution (--json: GetExecutionHistory's event shape with its executionArn, one JSON "
            + "object a line), until Ctrl-C or --max-events.",
        "--status matches the status an event leaves its execution in: FAILED shows ExecutionFailed, RUNNING every "
            + "event of a running execution.",
        "Exits 0, 4 when no broker answers."},
    mixinStandardHelpOptions = true)
final class TailCommand implements Callable<Integer> {
  private static final Map<String, String> CLOSING_STATUS = Map.of("ExecutionSucceeded", "SUCCEEDED", "ExecutionFailed", "FAILED",
      "ExecutionAborted", "ABORTED", "ExecutionTimedOut", "TIMED_OUT");

  @Option(names = "--state-machine", paramLabel = "STATE_MACHINE", description = "only executions of this state machine (its ARN or name)")
  String stateMachine;

  @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED; repeatable")
  Set<String> statuses = Set.of();

  @Option(names = "--event-type", paramLabel = "TYPE", split = ",", description = "only these event types (ExecutionFailed, TaskFailed, ...); repeatable")
  Set<String> eventTypes = Set.of();

  @Option(names = "--from-beginning", description = "reads the topic from its beginning rather than from now")
  boolean fromBeginning;

  @Option(names = "--max-events", paramLabel = "N", description = "stops after N events are printed")
  Long maxEvents;

  @Option(names = "--json", description = "one JSON object an event (JSON lines)")
  boolean json;

  @Mixin
  ClusterOptions cluster;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var connection = cluster.connection();
    var history = connection.topics().history();
    var codec = AvroCodec.parsingDefinitions();
    var stopping = new AtomicBoolean();
    try (var consumer = connection.consumer()) {
      var hook = new Thread(() -> {
        stopping.set(true);
        consumer.wakeup();
      }, "stepfold-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        List<TopicPartition> partitions;
        try {
          partitions = consumer.partitionsFor(history.name(), ClusterConnection.BROKER_PATIENCE).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        } catch (TimeoutException e) {
          throw new BrokerUnreachable("no broker answered within " + ClusterConnection.BROKER_PATIENCE.toSeconds() + "s at "
              + connection.bootstrapServers() + "; is stepfold running there? (--bootstrap-servers, --config)", e);
        }
        consumer.assign(partitions);
        if (fromBeginning) {
          consumer.seekToBeginning(partitions);
        } else {
          consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);   // the lazy seeks, fixed before we say we follow
        err.println("stepfold: following " + history.name() + " (" + partitions.size() + " partitions) at " + connection.bootstrapServers()
            + (fromBeginning ? " from its beginning" : " from now"));
        err.flush();
        long printed = 0;
        while (maxEvents == null || printed < maxEvents) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.key() == null || record.value() == null) {
              continue;
            }
            var event = codec.event(history.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            if (!matches(record.key(), event)) {
              continue;
            }
            print(record.key(), event, out);
            if (maxEvents != null && ++printed >= maxEvents) {
              break;
            }
          }
        }
      } catch (WakeupException e) {
        if (!stopping.get()) {
          throw e;
        }
      } finally {
        if (!stopping.get()) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
    }
    return ExitCodes.OK;
  }

  boolean matches(String executionArn, HistoryEvent event) {
    var type = event.type().awsName();
    if (!eventTypes.isEmpty() && !eventTypes.contains(type)) {
      return false;
    }
    if (!statuses.isEmpty() && !statuses.contains(CLOSING_STATUS.getOrDefault(type, "RUNNING"))) {
      return false;
    }
    return stateMachine == null || stateMachineOf(executionArn).equals(stateMachine) || stateMachineNameOf(executionArn).equals(stateMachine);
  }

  private static String stateMachineOf(String executionArn) {
    try {
      return new ExecutionArn(executionArn).stateMachine().value();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String stateMachineNameOf(String executionArn) {
    var arn = stateMachineOf(executionArn);
    return arn.isEmpty() ? "" : arn.substring(arn.lastIndexOf(':') + 1);
  }

  private void print(String executionArn, HistoryEvent event, java.io.PrintWriter out) {
    ObjectNode json = HistoryJson.toJson(event);
    if (this.json) {
      var line = CliJson.MAPPER.createObjectNode().put("executionArn", executionArn);
      line.setAll(json);
      CliJson.printLine(line, out);
      return;
    }
    out.println(shortName(executionArn) + "  " + HistoryText.line(json).stripLeading());
    out.flush();
  }

  /** {@code <state machine>:<execution>}, the part of the ARN that tells executions apart to a reader. */
  private static String shortName(String executionArn) {
    var parts = new ArrayList<>(List.of(executionArn.split(":")));
    return parts.size() >= 8 ? String.join(":", parts.subList(6, parts.size())) : executionArn;
  }
}
