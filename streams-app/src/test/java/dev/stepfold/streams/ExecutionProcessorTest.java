package dev.stepfold.streams;

import static dev.stepfold.streams.TopologyHarness.accepted;
import static dev.stepfold.streams.TopologyHarness.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionProcessorTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final ArnFormat ARNS = ArnFormat.DEFAULT;
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5,
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "ResultPath": "$.charge", "End": true}}}""";
  private static final String PAUSE = """
      {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 30, "Next": "After"},
        "After": {"Type": "Pass", "End": true}}}""";

  private final AvroCodec codec = AvroCodec.parsingDefinitions();
  private final Topics topics = Topics.create("", new InMemorySchemaRegistry());
  /** The stores' directory, of this test only: builds in other checkouts run the same test at the same time. */
  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> commands;
  private TestOutputTopic<String, HistoryEventRecord> history;
  private TestOutputTopic<String, TaskDispatchRecord> tasks;
  private TestOutputTopic<String, ReplyRecord> replies;
  private TestOutputTopic<String, byte[]> deadLetters;

  private void start(Map<String, String> settings, Supplier<ExecutionDecider> deciders) {
    var config = StepfoldConfig.of(TopologyHarness.onePartition(settings));
    var properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(StepfoldTopology.build(topics, config, deciders), properties, T0);
    commands = driver.createInputTopic(topics.commands().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    history = driver.createOutputTopic(topics.history().name(), Serdes.String().deserializer(), topics.history().valueSerde().deserializer());
    tasks = driver.createOutputTopic(topics.tasks().name(), Serdes.String().deserializer(), topics.tasks().valueSerde().deserializer());
    replies = driver.createOutputTopic(topics.replies().name(), Serdes.String().deserializer(), topics.replies().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  private void start() {
    start(Map.of(), StepfoldDecider::new);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void shouldDispatchATaskAndSucceedWhenItIsAnswered() {
    start();
    var execution = execution("charge-1");

    send(startExecution("r-1", execution, CHARGE, "{\"amount\": 42}"), T0);

    assertThat(types(history.readValuesToList())).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted");
    var dispatched = tasks.readRecord();
    assertThat(dispatched.key()).isEqualTo(execution.value());
    assertThat(dispatched.value().getResource()).isEqualTo("invoke");
    assertThat(dispatched.value().getPayload()).isEqualTo("{\"FunctionName\":\"charge\",\"Payload\":{\"amount\":42}}");
    assertThat(accepted(replies.readValue(), "r-1")).contains("\"executionArn\"");

    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(dispatched.value().getTaskToken()), "{\"Payload\": \"ok\"}"), T0.plusSeconds(1));

    var events = history.readValuesToList();
    assertThat(types(events)).containsExactly("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(events.get(0).getId()).isEqualTo(5);
    assertThat(accepted(replies.readValue(), "r-2")).isEqualTo("{}");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldAlsoWriteTheHistoryAsJsonInGetExecutionHistorysShapeWhenAskedTo() throws Exception {
    start(Map.of(StepfoldConfig.HISTORY_JSON, "true"), StepfoldDecider::new);
    var json = driver.createOutputTopic(topics.historyJson().name(), Serdes.String().deserializer(), Serdes.String().deserializer());
    var execution = execution("charge-json");
    send(startExecution("r-1", execution, CHARGE, "{\"amount\": 42}"), T0);
    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(tasks.readValue().getTaskToken()), "{}"), T0.plusSeconds(1));

    var avro = history.readRecordsToList();
    var written = json.readRecordsToList();
    assertThat(written).extracting(TestRecord::key).as("keyed by the execution's ARN").containsOnly(execution.value());
    assertThat(written).extracting(TestRecord::value).as("every event, as GetExecutionHistory shows it")
        .containsExactlyElementsOf(avro.stream().map(record -> HistoryJson.toText(codec.event(record.value()))).toList());
    var mapper = new ObjectMapper();
    var actual = new ArrayList<JsonNode>();
    for (var record : written) {
      actual.add(mapper.readTree(record.value()));
    }
    assertThat(actual.get(0).path("executionStartedEventDetails").path("input").asText()).isEqualTo("{\"amount\":42}");
    assertThat(actual.get(actual.size() - 1).path("type").asText()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void shouldWriteNoJsonHistoryUnlessAskedTo() {
    start();
    var json = driver.createOutputTopic(topics.historyJson().name(), Serdes.String().deserializer(), Serdes.String().deserializer());
    send(startExecution("r-1", execution("charge-no-json"), CHARGE, "{}"), T0);
    assertThat(history.readValuesToList()).isNotEmpty();
    assertThat(json.isEmpty()).isTrue();
  }

  @Test
  void shouldLoadTheStoredSnapshotWhenNothingIsCached() {
    start(Map.of(StepfoldConfig.EXECUTIONS_CACHE_SIZE, "0"), StepfoldDecider::new);
    var execution = execution("charge-uncached");
    send(startExecution("r-1", execution, CHARGE, "{}"), T0);
    var token = tasks.readValue().getTaskToken();

    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(token), "{}"), T0.plusSeconds(1));

    assertThat(types(history.readValuesToList())).endsWith("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
  }

  @Test
  void shouldFireAWaitWhenTheWallClockReachesIt() {
    start();
    var execution = execution("pause-1");
    send(startExecution("r-1", execution, PAUSE, "{\"a\": 1}"), T0);
    assertThat(types(history.readValuesToList())).containsExactly("ExecutionStarted", "WaitStateEntered");

    driver.advanceWallClockTime(Duration.ofSeconds(29));
    assertThat(history.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(1));
    var events = history.readRecordsToList();
    assertThat(types(events.stream().map(TestRecord::value).toList()))
        .containsExactly("WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    assertThat(events.get(0).key()).isEqualTo(execution.value());
    assertThat(events.get(0).value().getTimestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(replies.readValuesToList()).hasSize(1);   // the start's; a timer that fires gets no reply
    assertThat(timersSet()).isEmpty();
  }

  @Test
  void shouldCancelATaskTimeoutWhenTheTaskIsAnswered() {
    start();
    var execution = execution("charge-2");
    send(startExecution("r-1", execution, CHARGE, "{}"), T0);
    assertThat(timersSet()).containsExactly("task-timeout/3");
    var token = tasks.readValue().getTaskToken();

    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(token), "{}"), T0.plusSeconds(1));
    assertThat(timersSet()).isEmpty();
    history.readValuesToList();

    driver.advanceWallClockTime(Duration.ofSeconds(10));
    assertThat(history.isEmpty()).isTrue();
  }

  @Test
  void shouldTimeOutATaskThatIsNotAnswered() {
    start();
    send(startExecution("r-1", execution("charge-3"), CHARGE, "{}"), T0);
    history.readValuesToList();

    driver.advanceWallClockTime(Duration.ofSeconds(5));

    assertThat(types(history.readValuesToList())).containsExactly("TaskTimedOut", "ExecutionFailed");
  }

  @Test
  void shouldCountTheTimeoutOfTheTaskThatALateAnswerSchedulesFromWhenTheAnswerIsDecided() {
    start();
    var execution = execution("charge-then-ship");
    send(startExecution("r-1", execution, """
        {"StartAt": "Charge", "States": {
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "Next": "Ship"},
          "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true}}}""", "{}"), T0);
    var charge = tasks.readValue();
    history.readValuesToList();
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    // written by a worker whose clock runs 10 minutes behind: in time for Charge; Ship is scheduled now, with its 5 s
    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(charge.getTaskToken()), "{}"), T0.minus(Duration.ofMinutes(10)));
    var charged = history.readValuesToList();

    assertThat(types(charged)).contains("TaskSucceeded", "TaskScheduled").doesNotContain("TaskTimedOut");
    assertThat(charged.get(charged.size() - 1).getTimestamp()).isEqualTo(T0.plusSeconds(2));

    driver.advanceWallClockTime(Duration.ofSeconds(4));
    assertThat(history.isEmpty()).as("Ship's 5 s have not ended").isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(types(history.readValuesToList())).containsExactly("TaskTimedOut", "ExecutionFailed");
  }

  @Test
  void shouldTimeOutEveryTaskDueAtTheSameInstantBeforeFailingTheMap() {
    start();
    send(startExecution("r-1", execution("slow-map"), """
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "TimeoutSeconds": 5, "End": true}}}}}}""", "[1, 2, 3]"), T0);
    history.readValuesToList();
    assertThat(timersSet()).hasSize(3);

    driver.advanceWallClockTime(Duration.ofSeconds(5));

    // The punctuator delivers all three timers; the first fires them all, and the two others find their tasks gone.
    assertThat(types(history.readValuesToList())).containsExactly("TaskTimedOut", "TaskTimedOut", "TaskTimedOut",
        "MapIterationFailed", "TaskStateAborted", "MapIterationAborted", "TaskStateAborted", "MapIterationAborted", "TaskStateAborted",
        "MapStateFailed", "ExecutionFailed");
    assertThat(timersSet()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldSendAPoisonRecordToDeadLettersAndGoOn() {
    start();
    var poison = new byte[] {0, 0, 0, 0, 99, 1, 2, 3};
    commands.pipeInput(new TestRecord<>("some-key", poison, T0));
    commands.pipeInput(new TestRecord<>("other-key", "not a command".getBytes(StandardCharsets.UTF_8), T0));
    var execution = execution("after-poison");
    send(startExecution("r-1", execution, PAUSE, "{}"), T0);

    var letters = deadLetters.readRecordsToList();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).key()).isEqualTo("some-key");
    assertThat(letters.get(0).value()).isEqualTo(poison);
    assertThat(header(letters.get(0), DeadLetters.REASON)).contains("schema 99");
    assertThat(header(letters.get(0), DeadLetters.TOPIC)).isEqualTo("stepfold.commands");
    assertThat(header(letters.get(0), DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(letters.get(0), DeadLetters.OFFSET)).isEqualTo("0");
    assertThat(header(letters.get(1), DeadLetters.REASON)).contains("first byte is 110");
    assertThat(header(letters.get(1), DeadLetters.OFFSET)).isEqualTo("1");
    assertThat(types(history.readValuesToList())).containsExactly("ExecutionStarted", "WaitStateEntered");
  }

  @Test
  void shouldRefuseACommandKeyedByAnotherExecution() {
    start();
    var record = topics.commands().valueSerde().serializer().serialize(topics.commands().name(),
        codec.avro(startExecution("r-1", execution("one"), PAUSE, "{}")));
    commands.pipeInput(new TestRecord<>(execution("two").value(), record, T0));

    assertThat(rejected(replies.readValue(), "r-1")).isEqualTo("ValidationException");
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(history.isEmpty()).isTrue();
  }

  @Test
  void shouldAnswerARefusedCommandWithItsAwsError() {
    start();
    var execution = execution("missing");

    send(new Command.SendTaskSuccess("r-1", execution, TaskToken.of(execution, 3), "{}"), T0);

    var reply = replies.readRecord();
    assertThat(reply.key()).isEqualTo(execution.value());
    assertThat(rejected(reply.value(), "r-1")).isEqualTo("ExecutionDoesNotExist");
    assertThat(history.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldRefuseAStartWithAnInvalidDefinition() {
    start();
    var json = """
        {"requestId": "r-1", "executionArn": "%s", "command": {"StartExecution": {
          "stateMachineArn": "%s", "roleArn": "%s", "definition": {"StartAt": "Nowhere", "States": {}}, "input": {}}}}"""
        .formatted(execution("bad").value(), ARNS.stateMachine("orders").value(), ROLE);
    commands.pipeInput(new TestRecord<>(execution("bad").value(), json.getBytes(StandardCharsets.UTF_8), T0));

    assertThat(rejected(replies.readValue(), "r-1")).isEqualTo("InvalidDefinition");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldWriteNoReplyForACommandWhoseProducerReadsNone() {
    start();
    var execution = execution("no-replies");
    var json = """
        {"requestId": "r-1", "executionArn": "%s", "reply": false, "command": {"StartExecution": {
          "stateMachineArn": "%s", "roleArn": "%s", "definition": %s, "input": {"amount": 7}}}}"""
        .formatted(execution.value(), ARNS.stateMachine("orders").value(), ROLE, CHARGE);
    commands.pipeInput(new TestRecord<>(execution.value(), json.getBytes(StandardCharsets.UTF_8), T0));
    var token = tasks.readValue().getTaskToken();
    var answer = codec.avro(new Command.SendTaskSuccess("r-2", execution, new TaskToken(token), "{}"));
    answer.setReply(false);

    send(answer, T0.plusSeconds(1));

    assertThat(types(history.readValuesToList())).endsWith("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(replies.isEmpty()).as("replies").isTrue();
  }

  @Test
  void shouldReadJsonCommands() {
    start();
    var execution = execution("json-1");
    var json = """
        {"requestId": "r-1", "executionArn": "%s", "command": {"StartExecution": {
          "stateMachineArn": "%s", "roleArn": "%s", "definition": %s, "input": {"amount": 7}}}}"""
        .formatted(execution.value(), ARNS.stateMachine("orders").value(), ROLE, CHARGE);
    commands.pipeInput(new TestRecord<>(execution.value(), json.getBytes(StandardCharsets.UTF_8), T0));
    var token = tasks.readValue().getTaskToken();

    var success = """
         {"requestId": "r-2", "executionArn": "%s", "command": {"SendTaskSuccessCommand": {"taskToken": "%s", "output": {"ok": true}}}}"""
        .formatted(execution.value(), token);
    commands.pipeInput(new TestRecord<>(execution.value(), success.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1)));

    assertThat(types(history.readValuesToList())).endsWith("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(replies.readValuesToList()).hasSize(2);
  }

  private static final String TWO_BRANCHES = """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""";

  /** Starts a Parallel of two tasks, succeeds the first and fails the second; returns the execution. */
  private ExecutionArn failedParallel(String name) {
    var execution = execution(name);
    send(startExecution("r-1", execution, TWO_BRANCHES, "{}"), T0);
    var dispatched = tasks.readValuesToList();
    send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(dispatched.get(0).getTaskToken()), "\"charged\""), T0.plusSeconds(1));
    send(new Command.SendTaskFailure("r-3", execution, new TaskToken(dispatched.get(1).getTaskToken()), Optional.of("Stock.Empty"),
        Optional.empty()), T0.plusSeconds(2));
    assertThat(types(history.readValuesToList())).endsWith("ParallelStateFailed", "ExecutionFailed");
    replies.readValuesToList();
    return execution;
  }

  @Test
  void shouldRedriveOnlyTheFailedBranchWhenARedriveCommandArrives() {
    start();
    var execution = failedParallel("redrive-avro");

    send(new Command.RedriveExecution("r-4", execution, Optional.of("token-1")), T0.plusSeconds(60));

    assertThat(types(history.readValuesToList())).containsExactly("ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted",
        "TaskStateEntered", "TaskScheduled", "TaskStarted");
    var rerun = tasks.readValuesToList();
    assertThat(rerun).hasSize(1);
    assertThat(rerun.get(0).getStateName()).isEqualTo("Reserve");
    assertThat(accepted(replies.readValue(), "r-4")).contains("\"redriveDate\"");

    send(new Command.SendTaskSuccess("r-5", execution, new TaskToken(rerun.get(0).getTaskToken()), "\"reserved\""), T0.plusSeconds(61));
    var events = history.readValuesToList();
    assertThat(types(events)).endsWith("ParallelStateExited", "ExecutionSucceeded");
    assertThat(events.get(events.size() - 1).getDetails().toString()).contains("[\\\"charged\\\",\\\"reserved\\\"]");
  }

  @Test
  void shouldRedriveFromAJsonCommand() {
    start();
    var execution = failedParallel("redrive-json");
    var json = """
        {"requestId": "r-4", "executionArn": "%s", "command": {"RedriveExecution": {"clientToken": "token-1"}}}"""
        .formatted(execution.value());

    commands.pipeInput(new TestRecord<>(execution.value(), json.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(60)));

    assertThat(types(history.readValuesToList())).startsWith("ExecutionRedriven");
    assertThat(tasks.readValuesToList()).hasSize(1);
    assertThat(accepted(replies.readValue(), "r-4")).contains("\"redriveDate\"");
  }

  @Test
  void shouldAnswerARedriveOfASucceededExecutionWithExecutionNotRedrivable() {
    start();
    var execution = execution("redrive-succeeded");
    send(startExecution("r-1", execution, PAUSE.replace("\"Seconds\": 30", "\"Seconds\": 0"), "{}"), T0);
    replies.readValuesToList();

    send(new Command.RedriveExecution("r-2", execution, Optional.empty()), T0.plusSeconds(1));

    assertThat(rejected(replies.readValue(), "r-2")).isEqualTo("ExecutionNotRedrivable");
  }

  @Test
  void shouldDeadLetterAJsonCommandThatIsNotOneAndHasNoRequestId() {
    start();
    commands.pipeInput(new TestRecord<>("k", "{\"executionArn\": \"a\", \"command\": {\"Launch\": {}}}".getBytes(StandardCharsets.UTF_8), T0));

    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON)).contains("but got 'Launch'");
  }

  @Test
  void shouldAnswerAnEngineBugWithAnInternalFailure() {
    var engine = new StepfoldDecider();
    start(Map.of(), () -> new ExecutionDecider() {
      @Override
      public ExecutionState initialState() {
        return engine.initialState();
      }

      @Override
      public Decision decide(ExecutionState execution, Command command, Instant now) {
        if (command.requestId().equals("boom")) {
          throw new IllegalStateException("Expected something, but got something else");
        }
        return engine.decide(execution, command, now);
      }

      @Override
      public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
        return engine.evolve(execution, event);
      }
    });
    var execution = execution("buggy");

    send(new Command.StopExecution("boom", execution, Optional.empty(), Optional.empty()), T0);
    send(startExecution("r-2", execution, PAUSE, "{}"), T0);

    var internalFailure = replies.readValue();
    assertThat(rejected(internalFailure, "boom")).isEqualTo("InternalFailure");
    assertThat(codec.reply(internalFailure)).isEqualTo(new Reply.Rejected(ApiError.INTERNAL_FAILURE,
        "An internal error occurred while processing the request: Expected something, but got something else"));
    assertThat(accepted(replies.readValue(), "r-2")).contains("startDate");
  }

  private static ExecutionArn execution(String name) {
    return ARNS.stateMachine("orders").execution(name);
  }

  private static Command.StartExecution startExecution(String requestId, ExecutionArn execution, String definition, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    return new Command.StartExecution(requestId, execution, ARNS.stateMachine("orders"), ExecutionType.STANDARD, parsed.definition(), input, ROLE);
  }

  private void send(Command command, Instant at) {
    send(codec.avro(command), at);
  }

  private void send(CommandRecord command, Instant at) {
    var bytes = topics.commands().valueSerde().serializer().serialize(topics.commands().name(), command);
    commands.pipeInput(new TestRecord<>(command.getExecutionArn(), bytes, at));
  }

  private List<String> timersSet() {
    var store = driver.<String, String>getKeyValueStore(StepfoldTopology.TIMERS_STORE);
    try (var all = store.all()) {
      var ids = new java.util.ArrayList<String>();
      all.forEachRemaining(entry -> ids.add(entry.value));
      return ids;
    }
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events.stream().map(event -> event.getType().name()).toList();
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
