package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.BulkRedriveShardCommand;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command router in the whole topology, told the commands topic has three partitions. The driver runs only the
 * task of partition 0 and reads every record there: a command whose key partition 0 owns goes straight on; any other
 * is forwarded, comes back to partition 0 marked as forwarded, and is processed there once, not sent round again.
 */
class CommandRouterTest {
  private static final int PARTITIONS = 3;
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final ArnFormat ARNS = ArnFormat.DEFAULT;
  private static final String DONE = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}";

  @TempDir
  Path stateDirectory;
  private TopologyHarness harness;
  /** The commands topic as written, bytes and headers: what the router forwards and what the processor sends. */
  private TestOutputTopic<String, byte[]> commandsWritten;
  private CommandDecoder decoder;

  @BeforeEach
  void startTopology() {
    harness = new TopologyHarness(stateDirectory, T0, PARTITIONS);
    commandsWritten = harness.driver.createOutputTopic(harness.topics.commands().name(), Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    decoder = new CommandDecoder(harness.topics.commands().valueSerde().deserializer());
  }

  @AfterEach
  void closeTopology() {
    harness.close();
  }

  @Test
  void shouldProcessACommandInThePartitionOfItsKeyWithoutForwardingIt() {
    var execution = execution(owner -> owner == 0);

    harness.sendJson(execution.value(), start("start-1", execution), T0);

    assertThat(TopologyHarness.accepted(harness.replies.readValue(), "start-1")).contains(execution.value());
    assertThat(types(harness.history.readValuesToList())).containsExactly("ExecutionStarted", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
    assertThat(commandsWritten.isEmpty()).as("nothing written back to the commands topic").isTrue();
  }

  @Test
  void shouldForwardACommandFromAnotherPartitionUnchangedAndProcessItOnce() {
    var execution = execution(owner -> owner != 0);
    var json = start("start-1", execution).getBytes(StandardCharsets.UTF_8);
    var headers = new RecordHeaders().add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));

    harness.commands.pipeInput(new TestRecord<>(execution.value(), json, headers, T0));

    var written = commandsWritten.readRecordsToList();
    assertThat(written).as("forwarded once, and not again when it came back to a partition that does not own it").hasSize(1);
    var forwarded = written.get(0);
    assertThat(forwarded.key()).isEqualTo(execution.value());
    assertThat(forwarded.value()).isEqualTo(json);
    assertThat(forwarded.getRecordTime()).isEqualTo(T0);
    assertThat(forwarded.headers().toArray()).extracting(Header::key).containsExactly("traceparent", CommandRouter.FORWARDED_FROM);
    assertThat(header(forwarded, "traceparent")).isEqualTo("00-abc-01");
    assertThat(header(forwarded, CommandRouter.FORWARDED_FROM)).isEqualTo("0@0");
    var replies = harness.replies.readValuesToList();
    assertThat(replies).hasSize(1);
    assertThat(TopologyHarness.accepted(replies.get(0), "start-1")).contains(execution.value());
    assertThat(types(harness.history.readValuesToList())).containsExactly("ExecutionStarted", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
  }

  @Test
  void shouldLeaveBulkRedriveShardsInThePartitionTheyAreSentTo() {
    var stateMachine = stateMachine(owner -> owner != 0);
    var bulk = """
        {"requestId": "bulk-1", "executionArn": "%s", "command": {"BulkRedrive": {"maxPerSecond": 30}}}""".formatted(stateMachine);

    harness.sendJson(stateMachine.value(), bulk, T0);

    var written = commandsWritten.readRecordsToList();
    var shards = written.stream().filter(record -> decoder.decode(harness.topics.commands().name(), record.value()).getCommand()
        instanceof BulkRedriveShardCommand).toList();
    assertThat(shards).as("a shard for each partition").hasSize(PARTITIONS);
    assertThat(shards).allSatisfy(shard -> assertThat(shard.headers().lastHeader(CommandRouter.FORWARDED_FROM)).isNull());
    assertThat(written).filteredOn(record -> record.headers().lastHeader(CommandRouter.FORWARDED_FROM) != null)
        .as("forwarded: the bulk redrive itself and the shards' reports to it, all keyed by the state machine")
        .isNotEmpty()
        .allSatisfy(record -> assertThat(record.key()).isEqualTo(stateMachine.value()))
        .noneSatisfy(record -> assertThat(decoder.decode(harness.topics.commands().name(), record.value()).getCommand())
            .isInstanceOf(BulkRedriveShardCommand.class))
        .anySatisfy(record -> assertThat(record.value()).isEqualTo(bulk.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldAnswerARecordWithoutAKeyWhereItArrives() {
    var execution = execution(owner -> owner != 0);

    harness.commands.pipeInput(new TestRecord<>(null, start("start-1", execution).getBytes(StandardCharsets.UTF_8), T0));

    var reply = harness.replies.readValue();
    assertThat(TopologyHarness.rejected(reply, "start-1")).as("its request id reads, so it is answered").isEqualTo("ValidationException");
    assertThat(((RejectedReply) reply.getOutcome()).getMessage()).contains("but it is null");
    assertThat(harness.deadLetters.isEmpty()).as("answered, so not a dead letter").isTrue();
    assertThat(commandsWritten.isEmpty()).isTrue();
    assertThat(harness.history.isEmpty()).isTrue();
  }

  @Test
  void shouldMakeARecordThatIsNotACommandADeadLetterWhereItWasProduced() {
    var execution = execution(owner -> owner != 0);

    harness.commands.pipeInput(new TestRecord<>(execution.value(), "not a command".getBytes(StandardCharsets.UTF_8), T0));

    var letters = harness.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(1);
    assertThat(header(letters.get(0), DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(letters.get(0), DeadLetters.OFFSET)).isEqualTo("0");
    assertThat(letters.get(0).headers().lastHeader(CommandRouter.FORWARDED_FROM)).isNull();
    assertThat(commandsWritten.isEmpty()).isTrue();
  }

  /** The first execution of "orders" whose key's partition of three matches. */
  private static ExecutionArn execution(IntPredicate owner) {
    var orders = ARNS.stateMachine("orders");
    return IntStream.range(0, 100).mapToObj(i -> orders.execution("order-" + i))
        .filter(execution -> owner.test(KeyPartitioning.partition(execution.value(), PARTITIONS))).findFirst().orElseThrow();
  }

  private static StateMachineArn stateMachine(IntPredicate owner) {
    return IntStream.range(0, 100).mapToObj(i -> ARNS.stateMachine("machine-" + i))
        .filter(stateMachine -> owner.test(KeyPartitioning.partition(stateMachine.value(), PARTITIONS))).findFirst().orElseThrow();
  }

  private static String start(String requestId, ExecutionArn execution) {
    return """
        {"requestId": "%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s",
          "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s, "input": {}}}}"""
        .formatted(requestId, execution, execution.stateMachine(), DONE);
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events.stream().map(event -> event.getType().name()).toList();
  }
}
