package dev.stepfold.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.maprun.MapRunDecider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.redrive.RedrivePlan;
import dev.stepfold.redrive.RedrivePlanner;
import dev.stepfold.redrive.RedriveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Redrive of a Distributed Map, carried out end to end by the local runner: the parent's redrive redrives its map
 * run, which reruns only the children that did not succeed (R41–R50, R53, Q14, Q16). Each child's task answers with
 * its item, or fails while its item is in {@link #failing}.
 */
class DistributedMapRedriveTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ITEMS = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";

  private final StepfoldDecider decider = new StepfoldDecider();
  private final LocalRunner runner = new LocalRunner(decider);
  private final Set<Integer> failing = new HashSet<>();
  private final List<Integer> calls = new ArrayList<>();
  private final TaskAnswers answers = task -> {
    int item = task.payload().asInt();
    calls.add(item);
    return failing.contains(item) ? TaskAnswer.fail("Item.Broken", "item " + item) : TaskAnswer.succeed(String.valueOf(item * 10));
  };

  private static String definition(String executionType, String extraFields) {
    return """
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}""".formatted(extraFields, executionType);
  }

  private LocalRun start(String definition, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    return runner.run(new Command.StartExecution("start", stateMachine.execution("batch"), stateMachine, ExecutionType.STANDARD,
        parsed.definition(), input, "arn:aws:iam::111111111111:role/stepfold"), T0, answers);
  }

  /** Starts a parent whose Distributed Map waits on its map run, through the engine alone. */
  private Decision startDecided(ExecutionArn arn) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition("STANDARD", ""), ExecutionType.STANDARD);
    return decider.decide(decider.initialState(), new Command.StartExecution("start", arn, arn.stateMachine(), ExecutionType.STANDARD,
        parsed.definition(), "[0]", "arn:aws:iam::111111111111:role/stepfold"), T0);
  }

  private LocalRun redrive(LocalRun closed, String token, Duration after) {
    return runner.redrive(closed, new Command.RedriveExecution("redrive-" + token, closed.execution().started().orElseThrow().executionArn(),
        Optional.of(token)), T0.plus(after), answers);
  }

  private static List<HistoryEventType> typesAfterRedrive(LocalRun run, int redrive) {
    var types = run.events().stream().map(HistoryEvent::type).toList();
    int from = 0;
    for (int seen = 0; seen < redrive; from++) {
      if (types.get(from) == HistoryEventType.EXECUTION_REDRIVEN) {
        seen++;
      }
    }
    return types.subList(from - 1, types.size());
  }

  private static String mapRunArnOf(LocalRun run, HistoryEventType type) {
    return run.events().stream().filter(event -> event.type() == type).reduce((first, second) -> second).map(event ->
        event.details() instanceof EventDetails.MapRunStarted started ? started.mapRunArn()
            : event.details(EventDetails.MapRunRedriven.class).mapRunArn()).orElseThrow();
  }

  @Test
  void R41_R42_R45_R48_Q16_redrivingTheParentRedrivesTheSameMapRunAndOnlyItsUnsuccessfulChildren() {
    failing.add(3);
    var failed = start(definition("STANDARD", ""), ITEMS);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    var mapRunArn = mapRunArnOf(failed, HistoryEventType.MAP_RUN_STARTED);
    var firstMapRun = failed.mapRuns().values().iterator().next();
    // Item 3 failed; the children started after it were stopped when the map run failed.
    assertThat(firstMapRun.mapRun().counts().succeeded()).isEqualTo(3);
    assertThat(firstMapRun.mapRun().counts().aborted()).isEqualTo(6);
    failing.clear();
    calls.clear();

    var redriven = redrive(failed, "a", Duration.ofHours(1));

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).as("R48: the children that succeeded are not run again").containsExactly(3, 4, 5, 6, 7, 8, 9);
    assertThat(typesAfterRedrive(redriven, 1)).containsExactly(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_STATE_ENTERED,
        HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED,
        HistoryEventType.MAP_STATE_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(mapRunArnOf(redriven, HistoryEventType.MAP_RUN_REDRIVEN)).as("R42: the same map run").isEqualTo(mapRunArn);
    assertThat(redriven.events().stream().filter(event -> event.type() == HistoryEventType.MAP_RUN_REDRIVEN)
        .map(event -> event.details(EventDetails.MapRunRedriven.class).redriveCount())).containsExactly(1);
    assertThat(redriven.output().orElseThrow().toString()).isEqualTo("[0,10,20,30,40,50,60,70,80,90]");
    var children = redriven.mapRuns().values().iterator().next().children();
    assertThat(children).hasSize(10);
    // R45: a STANDARD child keeps its ARN and shows its own redrive; one that succeeded was not touched.
    assertThat(children.get(3).execution().redrives().count()).isEqualTo(1);
    assertThat(children.get(3).execution().started().orElseThrow().executionArn())
        .isEqualTo(firstMapRun.children().get(3).execution().started().orElseThrow().executionArn());
    assertThat(children.get(0).events()).isEqualTo(firstMapRun.children().get(0).events());
  }

  @Test
  void R45_R50_theRedrivePlanListsTheChildExecutionsARedriveWouldRerunEachWithItsInput() {
    failing.add(1);
    var failed = start(definition("STANDARD", "\"MaxConcurrency\": 1,"), "[0, 1, 2, 3]");
    var mapRun = failed.mapRuns().values().iterator().next();
    RedrivePlanner.MapRuns mapRuns = arn -> Optional.ofNullable(failed.mapRuns().get(arn)).map(LocalMapRun::mapRun);

    var plan = RedrivePlanner.plan(decider, failed.execution(), T0.plusSeconds(60), mapRuns);

    var rerun = plan.reruns().get(0).mapRun().orElseThrow();
    assertThat(rerun.startsNewMapRun()).isFalse();
    assertThat(rerun.mapRunArn()).isEqualTo(mapRun.mapRun().dispatch().mapRunArn());
    assertThat(rerun.children()).containsExactly(
        new RedrivePlan.ChildRerun(1, mapRun.children().get(1).execution().started().orElseThrow().executionArn(), JsonNodeFactory.instance.numberNode(1), true),
        new RedrivePlan.ChildRerun(2, MapRunDecider.childArn(mapRun.mapRun().dispatch(), 2), JsonNodeFactory.instance.numberNode(2), false),
        new RedrivePlan.ChildRerun(3, MapRunDecider.childArn(mapRun.mapRun().dispatch(), 3), JsonNodeFactory.instance.numberNode(3), false));
    failing.clear();
    calls.clear();
    redrive(failed, "a", Duration.ofMinutes(1));
    assertThat(calls).as("the redrive does what the plan said").containsExactly(1, 2, 3);
  }

  @Test
  void R47_R50_expressChildrenAreStartedAgainWithTheSameItem() {
    failing.add(2);
    var failed = start(definition("EXPRESS", "\"MaxConcurrency\": 1,"), "[0, 1, 2, 3]");
    var before = failed.mapRuns().values().iterator().next();
    assertThat(before.children()).containsOnlyKeys(0, 1, 2);
    failing.clear();
    calls.clear();

    var redriven = redrive(failed, "a", Duration.ofMinutes(5));

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).as("item 2 again, and item 3 that never started").containsExactly(2, 3);
    var child = redriven.mapRuns().values().iterator().next().children().get(2);
    assertThat(child.execution().started().orElseThrow().executionArn().value()).contains(":express:")
        .isEqualTo(before.children().get(2).execution().started().orElseThrow().executionArn().value());
    assertThat(child.events()).as("a new run of the same ARN: no ExecutionRedriven").extracting(HistoryEvent::type)
        .startsWith(HistoryEventType.EXECUTION_STARTED).doesNotContain(HistoryEventType.EXECUTION_REDRIVEN);
  }

  @Test
  void Q13_Q14_aFailedExpressChildIsRedrivableOnlyByItsMapRun() {
    failing.add(0);
    var failed = start(definition("EXPRESS", ""), "[0]");
    var child = failed.mapRuns().values().iterator().next().children().get(0);
    assertThat(child.status()).isEqualTo(ExecutionStatus.FAILED);

    assertThat(RedriveStatus.of(child.execution(), T0).redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE_BY_MAP_RUN);
    assertThat(RedriveStatus.of(child.execution(), T0).redriveStatusReason()).isEmpty();
    var direct = runner.redrive(child, new Command.RedriveExecution("r", child.execution().started().orElseThrow().executionArn(),
        Optional.empty()), T0, answers);
    assertThat(direct.rejection()).hasValueSatisfying(rejected -> {
      assertThat(rejected.error()).isEqualTo(ApiError.INVALID_ARN);
      assertThat(rejected.message()).isEqualTo("Invalid Arn: 'Resource type not valid in this context: express'");
    });
  }

  @Test
  void Q14_aFailedStandardChildIsRedrivableByItsOwnRules() {
    failing.add(0);
    var failed = start(definition("STANDARD", ""), "[0]");
    var child = failed.mapRuns().values().iterator().next().children().get(0);
    assertThat(RedriveStatus.of(child.execution(), T0).redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE);
    failing.clear();

    var redriven = runner.redrive(child, new Command.RedriveExecution("r", child.execution().started().orElseThrow().executionArn(),
        Optional.empty()), T0.plusSeconds(60), answers);

    assertThat(redriven.rejection()).isEmpty();
    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void R53_theMapRunReportsItsRedriveCountAndDate() {
    failing.add(1);
    var failed = start(definition("STANDARD", "\"MaxConcurrency\": 1,"), "[0, 1, 2]");
    var once = redrive(failed, "a", Duration.ofHours(1));
    assertThat(once.status()).isEqualTo(ExecutionStatus.FAILED);

    var twice = redrive(once, "b", Duration.ofHours(2));

    var mapRun = twice.mapRuns().values().iterator().next().mapRun();
    assertThat(mapRun.redriveCount()).isEqualTo(2);
    assertThat(mapRun.redriveDate()).contains(T0.plus(Duration.ofHours(2)));
    assertThat(twice.mapRuns()).as("one map run across redrives").hasSize(1);
    assertThat(twice.events().stream().filter(event -> event.type() == HistoryEventType.MAP_RUN_REDRIVEN)
        .map(event -> event.details(EventDetails.MapRunRedriven.class).redriveCount())).containsExactly(1, 2);
  }

  @Test
  void R43_aMapRunThatNeverStartedItsChildrenStartsAfreshAndFailsAgainIfNothingChanged() {
    var failed = start("""
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
          "Parameters": {"Bucket": "orders", "Key": "today.json"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""", "{}");
    assertThat(failed.error()).contains(StatesError.ITEM_READER_FAILED);

    var redriven = redrive(failed, "a", Duration.ofHours(1));

    assertThat(typesAfterRedrive(redriven, 1)).containsExactly(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_STATE_ENTERED,
        HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_FAILED,
        HistoryEventType.MAP_STATE_FAILED, HistoryEventType.EXECUTION_FAILED);
    assertThat(mapRunArnOf(redriven, HistoryEventType.MAP_RUN_STARTED)).isNotEqualTo(mapRunArnOf(failed, HistoryEventType.MAP_RUN_STARTED));
  }

  @Test
  void R44_aMapRunWhoseResultsFailedTheMapWithStatesRuntimeIsReplacedByANewOneThatRunsEveryItem() {
    var failed = start(definition("STANDARD", "\"ResultSelector\": {\"first.$\": \"$.missing\"},"), "[0, 1, 2]");
    assertThat(failed.error()).contains(StatesError.RUNTIME);
    calls.clear();

    var redriven = redrive(failed, "a", Duration.ofHours(1));

    assertThat(calls).as("every item again, those that succeeded too").containsExactly(0, 1, 2);
    assertThat(typesAfterRedrive(redriven, 1)).contains(HistoryEventType.MAP_RUN_STARTED).doesNotContain(HistoryEventType.MAP_RUN_REDRIVEN);
    assertThat(redriven.mapRuns()).as("R53: ListMapRuns shows two map runs").hasSize(2);
  }

  @Test
  void R44_theRedrivePlanSaysANewMapRunWouldStart() {
    var failed = start(definition("STANDARD", "\"ResultSelector\": {\"first.$\": \"$.missing\"},"), "[0, 1]");

    var plan = RedrivePlanner.plan(decider, failed.execution(), T0.plusSeconds(60));

    assertThat(plan.reruns().get(0).mapRun().orElseThrow().startsNewMapRun()).isTrue();
  }

  @Test
  void R44_R37_aDistributedMapThatExceededTheDataLimitRunsEveryItemAgain() {
    var big = "x".repeat(100_000);
    TaskAnswers bigAnswers = task -> {
      calls.add(task.payload().asInt());
      return TaskAnswer.succeed("\"" + big + "\"");
    };
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition("STANDARD", ""), ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var failed = runner.run(new Command.StartExecution("start", stateMachine.execution("big"), stateMachine, ExecutionType.STANDARD,
        parsed.definition(), "[0, 1, 2]", "arn:aws:iam::111111111111:role/stepfold"), T0, bigAnswers);
    assertThat(failed.error()).contains(StatesError.DATA_LIMIT_EXCEEDED);
    calls.clear();

    var redriven = runner.redrive(failed, new Command.RedriveExecution("r", stateMachine.execution("big"), Optional.empty()),
        T0.plusSeconds(60), bigAnswers);

    assertThat(calls).containsExactly(0, 1, 2);
    assertThat(typesAfterRedrive(redriven, 1)).contains(HistoryEventType.MAP_RUN_STARTED).doesNotContain(HistoryEventType.MAP_RUN_REDRIVEN);
  }

  @Test
  void R46_Q17_aStandardChildPastItsOwnRedrivablePeriodKeepsItsFailureWhichCountsTowardTheThreshold() {
    // The children's own clocks: child 0 fails at once; child 1 waits 20 days, then fails; the parent closes with it.
    var definition = """
        {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "MaxConcurrency": 1, "ToleratedFailureCount": 1,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Pause", "States": {
              "Pause": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 1, "Next": "Wait"}], "Default": "Handle"},
              "Wait": {"Type": "Wait", "Seconds": 1728000, "Next": "Handle"},
              "Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}, "End": true}}}""";
    failing.addAll(List.of(0, 1));
    var failed = start(definition, "[0, 1, 2]");
    assertThat(failed.error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    failing.clear();
    calls.clear();

    assertThat(failed.execution().stopDate()).as("the map run closed with its last child").contains(T0.plus(Duration.ofDays(20)));
    // Child 0 closed at T0, so 21 days later it cannot be redriven; child 1 and the parent closed a day before.
    var redriven = redrive(failed, "a", Duration.ofDays(21));

    var mapRun = redriven.mapRuns().values().iterator().next().mapRun();
    assertThat(mapRun.counts().failuresNotRedrivable()).isEqualTo(1);
    assertThat(mapRun.counts().failed()).isEqualTo(1);
    assertThat(calls).as("child 1 and child 2 ran; child 0 did not").containsExactly(1, 2);
    assertThat(redriven.status()).as("one failure is tolerated").isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.output().orElseThrow().get(0).path("Error").asText()).isEqualTo("Item.Broken");
  }

  @Test
  void R52_Q23_aRedriveWhileTheMapRunIsStillClosingWaitsForItToClose() {
    var arn = ArnFormat.DEFAULT.stateMachine("orders").execution("closing");
    var started = startDecided(arn);
    var dispatch = started.mapRunStarts().get(0);
    var mapRuns = new MapRunDecider();
    var mapRun = mapRuns.start(dispatch).mapRun();

    var stopped = decider.decide(started.execution(), new Command.StopExecution("stop", arn, Optional.empty(), Optional.empty()), T0);
    assertThat(stopped.mapRuns()).containsExactly(new MapRunWork.Abort(dispatch.mapRunArn(), arn));

    var redrive = new Command.RedriveExecution("redrive", arn, Optional.of("t"));
    var pending = decider.decide(stopped.execution(), redrive, T0.plusSeconds(5));
    assertThat(pending.isRejected()).isFalse();
    assertThat(pending.events()).as("no ExecutionRedriven while the map run closes").isEmpty();
    assertThat(pending.execution().redrives().count()).isZero();
    assertThat(pending.mapRuns()).containsExactly(new MapRunWork.RedriveParentWhenClosed(dispatch.mapRunArn(), redrive));

    var waiting = mapRuns.redriveParentWhenClosed(mapRun, redrive);
    var aborted = mapRuns.abort(waiting.mapRun());
    assertThat(aborted.childStops()).hasSize(1);
    assertThat(aborted.completion()).as("the stopped child has not reported yet").isEmpty();
    assertThat(aborted.parentRedrives()).isEmpty();
    var closed = mapRuns.childEnded(aborted.mapRun(), 0, new ChildOutcome(ExecutionStatus.ABORTED, Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(closed.parentRedrives()).containsExactly(redrive);
    var recorded = decider.decide(pending.execution(), closed.completion().orElseThrow(), T0.plusSeconds(6));
    assertThat(recorded.events()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.MAP_RUN_ABORTED);
    var redriven = decider.decide(recorded.execution(), closed.parentRedrives().get(0), T0.plusSeconds(7));
    assertThat(redriven.events()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_REDRIVEN,
        HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_REDRIVEN);
    assertThat(redriven.execution().redrives().count()).isEqualTo(1);
  }

  @Test
  void aRedriveAfterAFixWhileTheMapRunIsStillClosingIsRefusedUntilItHasClosed() {
    var arn = ArnFormat.DEFAULT.stateMachine("orders").execution("closing-fix");
    var started = startDecided(arn);
    var stopped = decider.decide(started.execution(), new Command.StopExecution("stop", arn, Optional.empty(), Optional.empty()), T0);
    var corrected = new RedriveFix(Optional.empty(), Optional.empty(),
        Optional.of(new RedriveFix.InputCorrection.Merge(JsonNodeFactory.instance.objectNode().put("fixed", true))));

    var refused = decider.decide(stopped.execution(), new Command.RedriveExecution("redrive", arn, Optional.of("t"), Origin.CLIENT, corrected),
        T0.plusSeconds(5));

    assertThat(refused.reply()).as("the map run would hand the redrive back without its fix").isEqualTo(new Reply.Rejected(
        ApiError.EXECUTION_NOT_REDRIVABLE, "A map run of the execution is still closing; redrive after a fix once it has closed"));
    assertThat(refused.events()).isEmpty();
    assertThat(refused.mapRuns()).as("nothing waits for the map run").isEmpty();
  }

  @Test
  void R2_R9_aRunningParentRefusesARedriveWithItsMapRunRunning() {
    var arn = ArnFormat.DEFAULT.stateMachine("orders").execution("running");
    var started = startDecided(arn);

    var refused = decider.decide(started.execution(), new Command.RedriveExecution("r", arn, Optional.empty()), T0);

    assertThat(refused.reply()).isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "Execution is RUNNING and cannot be redriven"));
  }
}
