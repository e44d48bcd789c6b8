package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.local.LocalRun;
import dev.stepfold.local.LocalRunner;
import dev.stepfold.local.TaskAnswer;
import dev.stepfold.local.TaskAnswers;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.RedriveMapRunChildCommand;
import dev.stepfold.schemas.ReportChildRedriveRefusedCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StopExecutionCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Redrive of a Distributed Map on Kafka (R42, R45–R48, R52): a RedriveExecution of the parent on the commands topic
 * redrives its map run, which reruns only the children that did not succeed — STANDARD children redriven on their own
 * keys, EXPRESS children started again under their ARNs — and the parent ends as {@link LocalRunner#redrive} ends it.
 * Each child's task answers with ten times its item, or fails while its item is in {@link #failing}.
 */
class MapRunRedriveProcessingTest extends TopologyTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final String ITEMS = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
  private static final String ALL_SUCCEEDED = "[0,10,20,30,40,50,60,70,80,90]";

  private final StepfoldDecider decider = new StepfoldDecider();
  private final Set<Integer> failing = new HashSet<>();
  /** The items whose tasks were answered, in order, on Kafka or locally. */
  private final List<Integer> calls = new ArrayList<>();
  private final List<HistoryEvent> parentEvents = new ArrayList<>();
  private ExecutionState parent = decider.initialState();
  private Instant clock = T0;
  private int answers;
  private boolean expressChildren;

  @Test
  void R42_R45_R48_aRedriveOfTheParentRerunsOnlyTheFailedAndStoppedChildrenAndEndsAsTheLocalRunnerEndsIt() {
    var start = start("standard", "STANDARD", "\"MaxConcurrency\": 3,");
    var local = failOnKafkaAndLocally(start, 3);

    var redrive = redrive(start.executionArn(), "a");
    answerUntilIdle(start.executionArn());

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    var kafkaCalls = List.copyOf(calls);
    calls.clear();
    var redrivenLocally = new LocalRunner(decider).redrive(local, redrive, clock, localAnswers());
    assertThat(redrivenLocally.status()).isEqualTo(parent.status());
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(redrivenLocally.output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(types(parentEvents)).as("the parent's history, as the local runner writes it").isEqualTo(types(redrivenLocally.events()));
    assertThat(kafkaCalls).as("R48: children 0-2 succeeded and are not run again").containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9)
        .containsExactlyInAnyOrderElementsOf(calls);
    var sent = harness.internalCommands.readValuesToList();
    assertThat(redrivesIn(sent)).as("R45: the failed and the stopped STANDARD children are redriven")
        .containsExactlyInAnyOrder(child(3), child(4), child(5));
    assertThat(arnsOf(sent, StartExecutionCommand.class)).as("the children that never started start")
        .containsExactlyInAnyOrder(child(6), child(7), child(8), child(9));
    var redriven = parentEvents.stream().filter(event -> event.type() == HistoryEventType.MAP_RUN_REDRIVEN).toList();
    assertThat(redriven).hasSize(1);
    assertThat(redriven.get(0).details(EventDetails.MapRunRedriven.class).redriveCount()).isEqualTo(1);
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void R47_expressChildrenAreStartedAgainUnderTheirArnsAndEndAsTheLocalRunnerEndsThem() {
    var start = start("express", "EXPRESS", "\"MaxConcurrency\": 1,");
    expressChildren = true;
    var local = failOnKafkaAndLocally(start, 2);

    var redrive = redrive(start.executionArn(), "a");
    answerUntilIdle(start.executionArn());

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).as("item 2 again, and the items that never started").containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    var sent = harness.internalCommands.readValuesToList();
    assertThat(redrivesIn(sent)).isEmpty();
    assertThat(arnsOf(sent, StartExecutionCommand.class)).startsWith(child(2)).hasSize(8);
    var history = new HistoryStore(harness.driver.getKeyValueStore(StepfoldTopology.HISTORY_STORE), harness.codec);
    assertThat(types(history.events(new ExecutionArn(child(2))))).as("the stored child is its new run, not the failed one")
        .containsOnlyOnce(HistoryEventType.EXECUTION_STARTED).doesNotContain(HistoryEventType.EXECUTION_FAILED)
        .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    var redrivenLocally = new LocalRunner(decider).redrive(local, redrive, clock, localAnswers());
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(redrivenLocally.output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(types(parentEvents)).isEqualTo(types(redrivenLocally.events()));
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void R52_aParentStoppedDuringItsMapRunStopsTheChildrenAndItsRedriveRerunsThemAndTheOnesNeverStarted() {
    var start = startWithChildrenThreeToFiveWaiting("stopped");

    harness.send(new Command.StopExecution("stop", start.executionArn(), Optional.empty(), Optional.empty()), tick());
    follow(start.executionArn());

    assertThat(parent.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(types(parentEvents)).contains(HistoryEventType.MAP_RUN_ABORTED);
    var stops = arnsOf(harness.internalCommands.readValuesToList(), StopExecutionCommand.class);
    assertThat(stops).as("the map run stops its running children").containsExactlyInAnyOrder(child(3), child(4), child(5));
    harness.tasks.readValuesToList();   // the stopped children's tasks go unanswered
    calls.clear();

    redrive(start.executionArn(), "a");
    answerUntilIdle(start.executionArn());

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(calls).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);
    var sent = harness.internalCommands.readValuesToList();
    assertThat(redrivesIn(sent)).containsExactlyInAnyOrder(child(3), child(4), child(5));
    assertThat(types(parentEvents)).containsSubsequence(HistoryEventType.EXECUTION_ABORTED, HistoryEventType.MAP_RUN_ABORTED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED,
        HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  /**
   * The driver runs everything a command causes before the next command, so a redrive cannot reach the parent between
   * its stop and its map run's close; the map run is handed the waiting redrive here as the parent hands it over then.
   */
  @Test
  void R52_Q23_aRedriveThatWaitedForTheMapRunToCloseIsHandedBackToTheParentWhenItHasClosed() {
    var start = start("closing", "STANDARD", "\"MaxConcurrency\": 3,");
    harness.send(start, clock);
    answerOnce(start.executionArn());   // children 0-2 succeed; 3-5 start and wait on their tasks
    var mapRunArn = new MapRunArn(parentEvents.stream().filter(event -> event.type() == HistoryEventType.MAP_RUN_STARTED).findFirst()
        .orElseThrow().details(EventDetails.MapRunStarted.class).mapRunArn());
    var redrive = new Command.RedriveExecution("redrive-waiting", start.executionArn(), Optional.of("waiting"));
    harness.send(new MapRunAvro(DefinitionReader.parsing()).mapRunWork("hand-over", new MapRunWork.RedriveParentWhenClosed(mapRunArn, redrive)),
        tick());
    assertThat(harness.replies.readValuesToList()).noneMatch(reply -> reply.getRequestId().equals(redrive.requestId()));
    harness.tasks.readValuesToList();   // the tasks of children 3-5, which the stop leaves unanswered

    harness.send(new Command.StopExecution("stop", start.executionArn(), Optional.empty(), Optional.empty()), tick());
    follow(start.executionArn());

    assertThat(types(parentEvents)).containsSubsequence(HistoryEventType.EXECUTION_ABORTED, HistoryEventType.MAP_RUN_ABORTED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_RUN_REDRIVEN);
    assertThat(harness.replies.readValuesToList().stream().filter(reply -> reply.getRequestId().equals(redrive.requestId())).findFirst())
        .hasValueSatisfying(reply -> TopologyHarness.accepted(reply, redrive.requestId()));
    calls.clear();
    answerUntilIdle(start.executionArn());
    assertThat(calls).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);
    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  /**
   * The order a broker may deliver in and the driver never does by itself: the parent is stopped, and its redrive
   * reaches it before the children its map run stopped have reported. The reports are held back — the engine of this
   * test drops the map-run reports of the stopped children while they stop, and the test sends the ReportChildOutcome
   * commands as the children would have sent them, after the parent's RedriveExecution.
   */
  @Test
  void R52_Q23_aRedriveBeforeTheStoppedChildrenReportedWaitsForTheMapRunToCloseAndRerunsThem() {
    harness.close();
    var engine = new HoldingBackChildReports(decider);
    harness = TopologyHarness.withEngine(stateDirectory, T0, engine);
    var start = startWithChildrenThreeToFiveWaiting("raced");
    var held = List.of(child(3), child(4), child(5));
    engine.holdBack(held);

    harness.send(new Command.StopExecution("stop", start.executionArn(), Optional.empty(), Optional.empty()), tick());
    follow(start.executionArn());
    assertThat(parent.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(types(parentEvents)).as("the map run has not closed: its stopped children have not reported").doesNotContain(
        HistoryEventType.MAP_RUN_ABORTED);
    harness.tasks.readValuesToList();   // the stopped children's tasks go unanswered
    calls.clear();

    redrive(start.executionArn(), "a");
    follow(start.executionArn());
    assertThat(types(parentEvents)).as("Q23: the redrive waits for the map run to close").doesNotContain(HistoryEventType.EXECUTION_REDRIVEN);
    engine.holdBack(List.of());
    var history = new HistoryStore(harness.driver.getKeyValueStore(StepfoldTopology.HISTORY_STORE), harness.codec);
    var mapRunArn = new MapRunArn(parentEvents.get(3).details(EventDetails.MapRunStarted.class).mapRunArn());
    for (int index = 3; index < 6; index++) {
      var childArn = child(index);
      var stopped = decider.initialState();
      for (var event : history.events(new ExecutionArn(childArn))) {
        stopped = decider.evolve(stopped, event);
      }
      assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
      harness.send(MapRunAvro.reportChildOutcome(childArn + "#ended#" + stopped.lastEventId(), mapRunArn, index,
          new ChildOutcome(stopped.status(), stopped.output(), stopped.error(), stopped.cause())), tick());
    }
    answerUntilIdle(start.executionArn());

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(calls).as("the stopped children and those never started").containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);
    assertThat(redrivesIn(harness.internalCommands.readValuesToList()))
        .as("Q23: the parent's redrive handed back by its closed map run, then R45: the stopped children redriven")
        .containsExactly(start.executionArn().value(), child(3), child(4), child(5));
    assertThat(types(parentEvents)).as("the history of a parent whose map run closed before its redrive").containsExactly(
        HistoryEventType.EXECUTION_STARTED, HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.MAP_STATE_STARTED,
        HistoryEventType.MAP_RUN_STARTED, HistoryEventType.EXECUTION_ABORTED, HistoryEventType.MAP_RUN_ABORTED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.MAP_STATE_STARTED,
        HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED,
        HistoryEventType.MAP_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void R46_Q17_aChildPastItsOwnRedrivablePeriodRefusesTheMapRunsRedriveAndItsFailureCountsTowardTheThreshold() {
    var start = start("refused", "STANDARD", "\"MaxConcurrency\": 1, \"ToleratedFailureCount\": 1,");
    failing.addAll(List.of(0, 1));
    harness.send(start, clock);
    answerOnce(start.executionArn());             // child 0 fails now
    clock = clock.plus(Duration.ofDays(20));
    answerUntilIdle(start.executionArn());        // child 1 fails 20 days later, and the parent with it
    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED);
    failing.clear();
    calls.clear();
    harness.internalCommands.readValuesToList();

    clock = clock.plus(Duration.ofDays(1));
    redrive(start.executionArn(), "a");
    answerUntilIdle(start.executionArn());

    assertThat(calls).as("child 0 closed 21 days ago and is not run again").containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(harness.internalCommands.readValuesToList().stream().map(CommandRecord::getCommand)
        .filter(ReportChildRedriveRefusedCommand.class::isInstance)).hasSize(1);
    assertThat(parent.status()).as("its one failure is tolerated").isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.output().orElseThrow().get(0).path("Error").asText()).isEqualTo("Item.Broken");
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }

  /** Starts a parent that runs three children at a time: children 0-2 succeed; 3-5 start and wait on their tasks. */
  private Command.StartExecution startWithChildrenThreeToFiveWaiting(String name) {
    var start = start(name, "STANDARD", "\"MaxConcurrency\": 3,");
    harness.send(start, clock);
    answerOnce(start.executionArn());
    harness.internalCommands.readValuesToList();
    return start;
  }

  /** Runs the parent on Kafka and locally with {@code failingItem} failing, and returns the local run; both fail alike. */
  private LocalRun failOnKafkaAndLocally(Command.StartExecution start, int failingItem) {
    failing.add(failingItem);
    harness.send(start, clock);
    answerUntilIdle(start.executionArn());
    var local = new LocalRunner(decider).run(start, T0, localAnswers());
    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED).isEqualTo(local.status());
    assertThat(parent.error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD).isEqualTo(local.error());
    harness.internalCommands.readValuesToList();
    failing.clear();
    calls.clear();
    return local;
  }

  private Command.RedriveExecution redrive(ExecutionArn parentArn, String token) {
    clock = clock.plus(Duration.ofHours(1));
    var redrive = new Command.RedriveExecution("redrive-" + token, parentArn, Optional.of(token));
    harness.send(redrive, clock);
    assertThat(harness.replies.readValuesToList().stream().filter(reply -> reply.getRequestId().equals(redrive.requestId())).findFirst())
        .hasValueSatisfying(reply -> TopologyHarness.accepted(reply, redrive.requestId()));
    return redrive;
  }

  /** Answers the tasks dispatched, and those they lead to, until no task is left. */
  private void answerUntilIdle(ExecutionArn parentArn) {
    while (answerOnce(parentArn)) {
      // the answers dispatched more tasks
    }
  }

  /** Answers the tasks dispatched so far, one second apart; false when there were none. */
  private boolean answerOnce(ExecutionArn parentArn) {
    follow(parentArn);
    var dispatched = harness.tasks.readValuesToList();
    for (var task : dispatched) {
      int item = Integer.parseInt(task.getPayload().trim());
      calls.add(item);
      var child = new ExecutionArn(task.getExecutionArn());
      var token = new TaskToken(task.getTaskToken());
      var requestId = "answer-" + ++answers;
      harness.send(failing.contains(item)
          ? new Command.SendTaskFailure(requestId, child, token, Optional.of("Item.Broken"), Optional.of("item " + item))
          : new Command.SendTaskSuccess(requestId, child, token, String.valueOf(item * 10)), tick());
      follow(parentArn);
    }
    return !dispatched.isEmpty();
  }

  /** Folds the parent's new events from the history topic. */
  private void follow(ExecutionArn parentArn) {
    for (var record : harness.history.readRecordsToList()) {
      if (record.key().equals(parentArn.value())) {
        var event = harness.codec.event(record.value());
        parentEvents.add(event);
        parent = decider.evolve(parent, event);
      }
    }
  }

  private Instant tick() {
    clock = clock.plusSeconds(1);
    return clock;
  }

  private TaskAnswers localAnswers() {
    return task -> {
      int item = task.payload().asInt();
      calls.add(item);
      return failing.contains(item) ? TaskAnswer.fail("Item.Broken", "item " + item) : TaskAnswer.succeed(String.valueOf(item * 10));
    };
  }

  private static List<HistoryEventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  /** The executions redriven: by a client or a parent's map run ({@code RedriveExecutionCommand}), or by their own map run. */
  private static List<String> redrivesIn(List<CommandRecord> commands) {
    return commands.stream().filter(command -> command.getCommand() instanceof RedriveExecutionCommand
        || command.getCommand() instanceof RedriveMapRunChildCommand).map(CommandRecord::getExecutionArn).toList();
  }

  private static List<String> arnsOf(List<CommandRecord> commands, Class<?> type) {
    Predicate<CommandRecord> ofType = command -> type.isInstance(command.getCommand());
    return commands.stream().filter(ofType).map(CommandRecord::getExecutionArn).toList();
  }

  /** The ARN of the child execution that runs item {@code index} of the parent's first map run. */
  private String child(int index) {
    var started = parentEvents.stream().filter(event -> event.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow();
    return new MapRunArn(started.details(EventDetails.MapRunStarted.class).mapRunArn()).child(index, expressChildren).value();
  }

  private static Command.StartExecution start(String name, String childExecutionType, String extraFields) {
    var definition = """
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}""".formatted(extraFields, childExecutionType);
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    return new Command.StartExecution("start-" + name, orders.execution(name), orders, ExecutionType.STANDARD, parsed.definition(), ITEMS, ROLE);
  }
}
