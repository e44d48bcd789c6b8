package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.cli.Main;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.Command;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.worker.TaskResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime and Kafka-native task workers on a real broker (KRaft, in this JVM), exactly-once on. The tests share
 * the broker; each has its own topics and application id.
 */
@Timeout(180)
class RuntimeWithWorkersIntegrationTest {
  private static final Path EXAMPLE = Path.of("../examples/kafka-worker");

  private static final String FULFILMENT = """
      {"StartAt": "Fulfil", "States": {"Fulfil": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "Result": {"packed": true}, "End": true}}},
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}]}}}""";

  @TempDir
  static Path dataDir;
  static BrokerFixture broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = BrokerFixture.start(dataDir);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldRunAWaitAndAWorkerTaskThatIsRetriedAfterItsFirstAttemptFails() throws Exception {
    var tenant = "retry";
    var definition = """
        {"StartAt": "Pause", "States": {
          "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Charge"},
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60,
            "Parameters": {"FunctionName": "charge-card", "Payload.$": "$"}, "ResultSelector": {"charged.$": "$.Payload.charged"},
            "ResultPath": "$.charge",
            "Retry": [{"ErrorEquals": ["PaymentBusy"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1.0}],
            "End": true}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var execution = stateMachine.execution("order-42").value();
    var attempts = new AtomicInteger();
    var tokens = new ConcurrentLinkedQueue<String>();
    try (var runtime = broker.runtime(tenant, Map.of());
        var worker = broker.worker(tenant, task -> {
          tokens.add(task.taskToken());
          return attempts.incrementAndGet() == 1
              ? TaskResult.failure("PaymentBusy", "the payment service is busy")
              : TaskResult.success("{\"charged\": " + task.input().path("amount") + "}");
        }).resources("charge-card").start();
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      assertThat(worker.awaitReady(BrokerFixture.PATIENCE)).isTrue();
      broker.startExecution(tenant, execution, stateMachine.value(), definition, "{\"amount\": 42}");

      var events = history.readUntil(read -> closed(read.get(execution))).get(execution);
      assertThat(events).extracting(event -> event.getType().name()).containsExactly(
          "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "TaskStateEntered",
          "TaskScheduled", "TaskStarted", "TaskFailed",
          "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
      assertThat(events.get(events.size() - 1).getDetails().toString()).contains("{\\\"amount\\\":42,\\\"charge\\\":{\\\"charged\\\":42}}");
      assertThat(attempts).hasValue(2);

      // a late answer to the failed attempt is refused, and changes nothing
      broker.sendJson(tenant, execution, """
          {"requestId": "late-answer", "executionArn": "%s", "command": {"SendTaskSuccess": {"taskToken": "%s", "output": {}}}}"""
          .formatted(execution, tokens.peek()));
      var reply = replies.readUntil(read -> read.getOrDefault(execution, List.of()).stream()
          .anyMatch(r -> r.getRequestId().equals("late-answer"))).get(execution).stream()
          .filter(r -> r.getRequestId().equals("late-answer")).findFirst().orElseThrow();
      assertThat(reply.getOutcome()).isInstanceOfSatisfying(RejectedReply.class,
          rejected -> assertThat(rejected.getErrorType()).isEqualTo("TaskTimedOut"));
      assertThat(history.readRest().get(execution)).hasSize(12);
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  /** Started again on the same state directory, or on an empty one (stores restored from their changelogs). */
  @ParameterizedTest(name = "state directory kept: {0}")
  @ValueSource(booleans = {true, false})
  void shouldFinishEveryExecutionWithNoEventLostOrRepeatedWhenTheRuntimeIsStoppedAndStartedAgain(boolean stateDirectoryKept) throws Exception {
    var tenant = stateDirectoryKept ? "restart" : "moved";
    var restartSettings = stateDirectoryKept ? Map.<String, String>of()
        : Map.of(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve(tenant + "-elsewhere").toString());
    var definition = """
        {"StartAt": "Pack", "States": {
          "Pack": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:pack", "Next": "Cool"},
          "Cool": {"Type": "Wait", "Seconds": 2, "Next": "Ship"},
          "Ship": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship", "End": true}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("parcels");
    var executions = IntStream.range(0, 40).mapToObj(i -> stateMachine.execution("parcel-" + i).value()).toList();
    try (var worker = broker.worker(tenant, task -> TaskResult.success(task.input())).resources("pack", "ship").start()) {
      try (var runtime = broker.runtime(tenant, Map.of());
          var history = broker.history(runtime)) {
        createActivity(tenant, runtime, "arn:aws:states:us-east-1:123456789012:activity:pack");
        for (var execution : executions.subList(0, 20)) {
          broker.startExecution(tenant, execution, stateMachine.value(), definition, "{\"parcel\": \"" + execution + "\"}");
        }
        // stop while executions wait on their timers
        history.readUntil(read -> read.values().stream().filter(events -> types(events).contains("WaitStateEntered")).count() >= 5);
      }
      for (var execution : executions.subList(20, 40)) {
        broker.startExecution(tenant, execution, stateMachine.value(), definition, "{\"parcel\": \"" + execution + "\"}");
      }
      try (var runtime = broker.runtime(tenant, restartSettings);
          var history = broker.history(runtime)) {
        var read = history.readUntil(byExecution -> executions.stream().allMatch(execution -> closed(byExecution.get(execution))));
        read = history.readRest();
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(executions);
        for (var execution : executions) {
          var events = read.get(execution);
          assertThat(events).extracting(HistoryEventRecord::getId).as(execution)
              .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
          assertThat(types(events)).as(execution).containsExactly(
              "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
              "WaitStateEntered", "WaitStateExited",
              "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
              "ExecutionSucceeded");
        }
        StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
      }
    }
  }

  @Test
  void shouldRebuildExactlyTheStoredStateByFoldingTheHistoryTopic() throws Exception {
    var tenant = "fold";
    var definition = """
        {"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Next": "Check", "Branches": [
            {"StartAt": "Step", "States": {
              "Step": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:step", "End": true,
                "Catch": [{"ErrorEquals": ["StepFailed"], "ResultPath": "$.error", "Next": "Recovered"}]},
              "Recovered": {"Type": "Pass", "End": true}}},
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items", "End": true, "ItemProcessor": {"StartAt": "Item", "States": {
                "Item": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:step", "End": true}}}}}}]},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$[0].refuse", "BooleanEquals": true, "Next": "Refuse"}], "Default": "Done"},
          "Refuse": {"Type": "Fail", "Error": "Refused", "Cause": "the input asked for it"},
          "Done": {"Type": "Succeed"}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("mixed");
    var inputs = List.of(
        "{\"fail\": true, \"refuse\": false, \"items\": [{\"fail\": false}]}",
        "{\"fail\": false, \"refuse\": false, \"items\": [{\"fail\": false}, {\"fail\": true}]}",
        "{\"fail\": false, \"refuse\": true, \"items\": []}",
        "{\"fail\": false, \"refuse\": false, \"items\": [{\"fail\": false}, {\"fail\": false}, {\"fail\": false}]}");
    var executions = IntStream.range(0, 8).mapToObj(i -> stateMachine.execution("mixed-" + i).value()).toList();
    try (var runtime = broker.runtime(tenant, Map.of());
        var worker = broker.worker(tenant, task -> {
          if (!task.input().path("fail").asBoolean()) {
            return TaskResult.success(task.input());
          }
          if (task.input().has("items")) {
            return TaskResult.failure("StepFailed", "the input asked for it");
          }
          throw new IllegalStateException("the item asked for it");
        }).resources("step").start();
        var history = broker.history(runtime)) {
      for (int i = 0; i < executions.size(); i++) {
        broker.startExecution(tenant, executions.get(i), stateMachine.value(), definition, inputs.get(i % inputs.size()));
      }
      history.readUntil(read -> executions.stream().allMatch(execution -> closed(read.get(execution))));
      var read = history.readRest();
      assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(executions);
      assertThat(read.values()).extracting(events -> types(events).get(events.size() - 1))
          .containsOnly("ExecutionSucceeded", "ExecutionFailed").contains("ExecutionSucceeded", "ExecutionFailed");
      // an exception out of the handler is answered as a failure named after its class
      assertThat(read.values().stream().flatMap(List::stream).filter(event -> event.getType().name().equals("LambdaFunctionFailed"))
          .map(event -> event.getDetails().toString()))
          .anySatisfy(details -> assertThat(details).contains("java.lang.IllegalStateException", "the item asked for it"));
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  @Test
  void shouldGiveATaskToTheNextWorkerOfTheGroupWhenItsWorkerStopsBeforeAnswering() throws Exception {
    var tenant = "handover";
    var definition = """
        {"StartAt": "Slow", "States": {
          "Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "TimeoutSeconds": 60, "End": true}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("slow");
    var execution = stateMachine.execution("slow-1").value();
    var taken = new CountDownLatch(1);
    try (var runtime = broker.runtime(tenant, Map.of());
        var history = broker.history(runtime)) {
      var first = broker.worker(tenant, task -> {
        taken.countDown();
        Thread.sleep(120_000);
        return TaskResult.success("{}");
      }).resources("slow").closeTimeout(Duration.ofMillis(200)).start();
      broker.startExecution(tenant, execution, stateMachine.value(), definition, "{}");
      assertThat(taken.await(BrokerFixture.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      first.close();

      try (var next = broker.worker(tenant, task -> TaskResult.success("{\"by\": \"next\"}")).resources("slow").start()) {
        var events = history.readUntil(read -> closed(read.get(execution))).get(execution);
        assertThat(types(events)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
            "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(events.get(events.size() - 1).getDetails().toString()).contains("next");
      }
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  @Test
  void shouldKeepALongTaskAliveWithHeartbeatsWhileItsHandlerRuns() throws Exception {
    var tenant = "heartbeat";
    var definition = """
        {"StartAt": "Long", "States": {
          "Long": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:long", "HeartbeatSeconds": 2,
            "TimeoutSeconds": 60, "End": true}}}""";
    var stateMachine = ArnFormat.DEFAULT.stateMachine("long");
    var execution = stateMachine.execution("long-1").value();
    try (var runtime = broker.runtime(tenant, Map.of());
        var worker = broker.worker(tenant, task -> {
          Thread.sleep(4 * task.heartbeatSeconds().getAsLong() * 1000 / 2);
          return TaskResult.success("{\"done\": true}");
        }).resources("long").start();
        var history = broker.history(runtime)) {
      broker.startExecution(tenant, execution, stateMachine.value(), definition, "{}");

      var events = history.readUntil(read -> closed(read.get(execution))).get(execution);
      assertThat(types(events)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
          "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  @Test
  void shouldStayInItsGroupWhenClosedSoThatTheNextStartTakesThePartitionsBackAtOnce() throws Exception {
    broker.runtime("leave", Map.of()).close();
    try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      var closed = admin.describeConsumerGroups(List.of("stepfold-leave")).all().get().get("stepfold-leave");
      // a static member per stream thread: the instance name kept in its data directory, and the thread's number
      var instances = closed.members().stream().map(member -> member.groupInstanceId().orElseThrow()).sorted().toList();
      assertThat(instances).hasSize(2).allSatisfy(instance -> assertThat(instance).startsWith("stepfold-leave-"));
      assertThat(instances.get(0)).endsWith("-1");
      assertThat(instances.get(1)).isEqualTo(instances.get(0).substring(0, instances.get(0).length() - 1) + "2");

      try (var restarted = broker.runtime("leave", Map.of())) {
        var group = admin.describeConsumerGroups(List.of("stepfold-leave")).all().get().get("stepfold-leave");
        assertThat(group.members()).map(member -> member.groupInstanceId().orElseThrow()).containsExactlyInAnyOrderElementsOf(instances);
      }
    }
  }

  @Test
  void shouldRunTheExampleWorkersAndTheExecutionTheyServe() throws Exception {
    var tenant = "example";
    try (var runtime = broker.runtime(tenant, Map.of())) {
      var out = new StringWriter();
      var err = new StringWriter();
      int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("worker",
          "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", broker.registryUrl(), "--topic-prefix", tenant + ".",
          "--start", EXAMPLE.resolve("definition.json").toString(), "--input", EXAMPLE.resolve("input.json").toString(),
          "--execution-name", "order-2001");

      assertThat(exit).as(err.toString()).isZero();
      assertThat(out.toString().lines().filter(line -> line.startsWith("{")).map(RuntimeWithWorkersIntegrationTest::type))
          .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
              "TaskSucceeded", "TaskStateExited", "WaitStateEntered", "WaitStateExited", "TaskStateEntered", "LambdaFunctionScheduled",
              "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
      assertThat(out.toString()).contains("ch-order-2001", "TRK-order-2001");
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  @Test
  void shouldKeepTheExampleJsonCommandInStepWithTheExampleDefinitionAndInput() throws Exception {
    var mapper = new ObjectMapper();
    var start = mapper.readTree(EXAMPLE.resolve("start-execution.json").toFile()).path("command").path("StartExecution");
    assertThat(start.get("definition")).isEqualTo(((ObjectNode) mapper.readTree(EXAMPLE.resolve("definition.json").toFile())).without("Comment"));
    assertThat(start.get("input")).isEqualTo(mapper.readTree(EXAMPLE.resolve("input.json").toFile()));
  }

  private static String type(String historyLine) {
    try {
      return new ObjectMapper().readTree(historyLine).path("type").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the activity with a JSON command, as a producer without the API would, and waits until the runtime's directory shows it. */
  private static void createActivity(String tenant, StepfoldRuntime runtime, String activityArn) throws Exception {
    broker.sendJson(tenant, activityArn, """
        {"requestId": "create-activity", "executionArn": "%s", "command": {"CreateActivity": {"name": "%s"}}}"""
        .formatted(activityArn, activityArn.substring(activityArn.lastIndexOf(':') + 1)));
    assertThat(new ActivityReads(runtime.streams()).await(activityArn, Optional::isPresent, BrokerFixture.PATIENCE)).isTrue();
  }

  private static List<String> types(List<HistoryEventRecord> events) {
    return events.stream().map(event -> event.getType().name()).toList();
  }

  private static boolean closed(List<HistoryEventRecord> events) {
    return events != null && events.stream().anyMatch(event -> switch (event.getType().name()) {
      case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
      default -> false;
    });
  }

  /**
   * A redrive command produced to the commands topic, in Avro and in JSON, reruns only the failed branch of a Parallel
   * (the other, a Pass, succeeded before the task was even dispatched); its reply and {@code ExecutionRedriven} appear.
   */
  @Test
  void shouldRerunOnlyTheFailedBranchWhenARedriveCommandComesInAvroOrJson() throws Exception {
    var stateMachine = ArnFormat.DEFAULT.stateMachine("fulfilment");
    var byAvro = stateMachine.execution("order-avro");
    var byJson = stateMachine.execution("order-json");
    var charges = new ConcurrentHashMap<String, AtomicInteger>();
    var chargeServiceUp = new AtomicBoolean(false);
    try (var runtime = broker.runtime("redrive", Map.of());
        var charger = broker.worker("redrive", task -> {
          charges.computeIfAbsent(task.executionArn(), arn -> new AtomicInteger()).incrementAndGet();
          return chargeServiceUp.get() ? TaskResult.success("{\"charged\": 42}") : TaskResult.failure("Payments.Down", "the payment service is down");
        }).resources("charge").start();
        var history = broker.history(runtime);
        var replies = broker.replies(runtime)) {
      assertThat(charger.awaitReady(BrokerFixture.PATIENCE)).isTrue();
      for (var execution : List.of(byAvro, byJson)) {
        broker.startExecution("redrive", execution.value(), stateMachine.value(), FULFILMENT, "{\"order\": 42}");
      }
      var failed = history.readUntil(read -> closedWith(read.get(byAvro.value()), 1) && closedWith(read.get(byJson.value()), 1));
      assertThat(lastTypeOf(failed.get(byAvro.value()))).isEqualTo("ExecutionFailed");
      assertThat(lastTypeOf(failed.get(byJson.value()))).isEqualTo("ExecutionFailed");

      chargeServiceUp.set(true);
      broker.sendAvro(runtime, AvroCodec.parsingDefinitions().avro(new Command.RedriveExecution("redrive-avro", byAvro, Optional.of("fixed-payments"))));
      broker.sendJson("redrive", byJson.value(), """
          {"requestId": "redrive-json", "executionArn": "%s", "command": {"RedriveExecution": {"clientToken": "fixed-payments"}}}"""
          .formatted(byJson.value()));

      var redriven = history.readUntil(read -> closedWith(read.get(byAvro.value()), 2) && closedWith(read.get(byJson.value()), 2));
      for (var execution : List.of(byAvro, byJson)) {
        var events = redriven.get(execution.value());
        var types = events.stream().map(event -> event.getType().name()).toList();
        assertThat(types).as(execution.name()).contains("ExecutionRedriven").endsWith("ParallelStateSucceeded", "ParallelStateExited",
            "ExecutionSucceeded");
        var afterRedrive = types.subList(types.indexOf("ExecutionRedriven"), types.size());
        assertThat(afterRedrive).as("the succeeded branch is not run again").doesNotContain("PassStateEntered");
        assertThat(afterRedrive.stream().filter("TaskScheduled"::equals)).as("tasks scheduled by the redrive").hasSize(1);
        assertThat(events.get(events.size() - 1).getDetails().toString()).contains("[{\\\"packed\\\":true},{\\\"charged\\\":42}]");
        assertThat(charges.get(execution.value())).as("charging of " + execution.name()).hasValue(2);
      }

      var answers = replies.readUntil(read -> accepted(read, byAvro, "redrive-avro") && accepted(read, byJson, "redrive-json"));
      assertThat(answers.get(byAvro.value())).anySatisfy(reply -> assertThat(reply.getRequestId()).isEqualTo("redrive-avro"));
      StoredExecutions.assertEveryExecutionFoldsToItsSnapshot(runtime);
    }
  }

  private static boolean accepted(Map<String, List<ReplyRecord>> replies, ExecutionArn execution, String requestId) {
    return replies.getOrDefault(execution.value(), List.of()).stream()
        .anyMatch(reply -> reply.getRequestId().equals(requestId) && reply.getOutcome() instanceof AcceptedReply accepted
            && accepted.getData().contains("redriveDate"));
  }

  /** Whether the execution closed {@code times} times (each attempt ends with one close event). */
  private static boolean closedWith(List<HistoryEventRecord> events, int times) {
    return events != null && events.stream().filter(event -> switch (event.getType().name()) {
      case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
      default -> false;
    }).count() >= times;
  }

  private static String lastTypeOf(List<HistoryEventRecord> events) {
    return events.get(events.size() - 1).getType().name();
  }
}
