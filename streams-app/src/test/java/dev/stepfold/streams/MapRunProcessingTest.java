package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.local.LocalRun;
import dev.stepfold.local.LocalRunner;
import dev.stepfold.local.TaskAnswer;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StopExecutionCommand;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A Distributed Map on Kafka: the parent starts a map run on its own key, the map run starts child executions as
 * commands on theirs, each child's end is reported back, and the parent goes on when the map run completes — ending as
 * the local runner (which runs the same map run in memory) ends it.
 */
class MapRunProcessingTest extends TopologyTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final Set<Integer> FAILING_ITEMS = Set.of(7, 31);
  private static final int ITEMS = 50;
  private static final int MAX_CONCURRENCY = 5;
  private static final Set<HistoryEventType> CLOSING = EnumSet.of(HistoryEventType.EXECUTION_SUCCEEDED,
      HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StepfoldDecider decider = new StepfoldDecider();
  private int running;
  private int mostRunning;

  @Test
  void shouldFinishAsTheLocalRunnerDoesWithFiveChildrenAtMostAndTwoFailuresTolerated() {
    var start = start("tolerated", 2);

    var parent = runOnKafka(start);
    var local = runLocally(start);

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED).isEqualTo(local.status());
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(local.output().orElseThrow().toString());
    var output = parent.output().orElseThrow();
    assertThat(output.size()).isEqualTo(ITEMS);
    assertThat(output.get(6).asInt()).isEqualTo(12);
    assertThat(output.get(7).toString()).isEqualTo("{\"Error\":\"Item.Broken\",\"Cause\":\"item 7\"}");
    assertThat(mostRunning).as("children running at once").isEqualTo(MAX_CONCURRENCY);
    assertThat(harness.internalCommands.readValuesToList().stream().filter(c -> c.getCommand() instanceof StartExecutionCommand))
        .as("child starts").hasSize(ITEMS);
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldFailTheParentAsTheLocalRunnerDoesWhenMoreChildrenFailThanTolerated() {
    var start = start("not-tolerated", 1);

    var parent = runOnKafka(start);
    var local = runLocally(start);

    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED).isEqualTo(local.status());
    assertThat(parent.error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD).isEqualTo(local.error());
    assertThat(parent.cause()).isEqualTo(local.cause());
    assertThat(mostRunning).isLessThanOrEqualTo(MAX_CONCURRENCY);
    assertThat(harness.internalCommands.readValuesToList().stream().filter(c -> c.getCommand() instanceof StopExecutionCommand))
        .as("children stopped when the second failure ended the map run").hasSize(MAX_CONCURRENCY - 1);
  }

  @Test
  void shouldSendAChildReportForAMapRunThatNeverStartedToDeadLetters() {
    var mapRun = MapRunArn.of(start("orphan", 0).executionArn(), "Each", 1);

    harness.send(MapRunAvro.reportChildOutcome("report-1", mapRun, 3, ChildOutcome.succeeded(JSON.createObjectNode())), T0);

    var letter = harness.deadLetters.readRecord();
    assertThat(letter.key()).isEqualTo(mapRun.value());
    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
        .isEqualTo("Expected map run " + mapRun + " of a child's report to have started, but it has not");
    assertThat(harness.internalCommands.isEmpty()).isTrue();
  }

  /**
   * Starts the parent, then answers the children's tasks one at a time as they are dispatched until none is left,
   * counting the children that run at once from the history topic; returns the parent as the fold of its history.
   */
  private ExecutionState runOnKafka(Command.StartExecution start) {
    var parent = decider.initialState();
    harness.send(start, T0);
    var at = T0;
    while (true) {
      parent = follow(start.executionArn(), parent);
      var dispatched = harness.tasks.readValuesToList();
      if (dispatched.isEmpty()) {
        return parent;
      }
      for (var task : dispatched) {
        at = at.plusSeconds(1);
        var item = item(task.getPayload());
        var child = new ExecutionArn(task.getExecutionArn());
        var token = new TaskToken(task.getTaskToken());
        harness.send(FAILING_ITEMS.contains(item)
            ? new Command.SendTaskFailure("answer-" + item, child, token, Optional.of("Item.Broken"), Optional.of("item " + item))
            : new Command.SendTaskSuccess("answer-" + item, child, token, "{\"Payload\": " + item * 2 + "}"), at);
        parent = follow(start.executionArn(), parent);
      }
    }
  }

  /** Folds the parent's new events and counts the children started and ended since the last call. */
  private ExecutionState follow(ExecutionArn parentArn, ExecutionState parent) {
    for (var record : harness.history.readRecordsToList()) {
      var event = harness.codec.event(record.value());
      if (record.key().equals(parentArn.value())) {
        parent = decider.evolve(parent, event);
      } else if (event.type() == HistoryEventType.EXECUTION_STARTED) {
        mostRunning = Math.max(mostRunning, ++running);
      } else if (CLOSING.contains(event.type())) {
        running--;
      }
    }
    return parent;
  }

  private LocalRun runLocally(Command.StartExecution start) {
    return new LocalRunner(new StepfoldDecider()).run(start, T0, task -> {
      int item = task.payload().get("Payload").asInt();
      return FAILING_ITEMS.contains(item) ? TaskAnswer.fail("Item.Broken", "item " + item) : TaskAnswer.succeed("{\"Payload\": " + item * 2 + "}");
    });
  }

  private static Command.StartExecution start(String name, int toleratedFailures) {
    var definition = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": %d, "ToleratedFailureCount": %d,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "handle", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}},
          "End": true}}}""".formatted(MAX_CONCURRENCY, toleratedFailures);
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var items = IntStream.range(0, ITEMS).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    return new Command.StartExecution("start-" + name, orders.execution(name), orders, ExecutionType.STANDARD, parsed.definition(), items,
        ROLE);
  }

  private static int item(String payload) {
    try {
      return JSON.readTree(payload).get("Payload").asInt();
    } catch (JsonProcessingException e) {
      throw new AssertionError("Expected a task payload in JSON, but got " + payload, e);
    }
  }
}
