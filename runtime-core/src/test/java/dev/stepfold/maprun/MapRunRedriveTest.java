package dev.stepfold.maprun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.engine.RedriveRules;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A map run's side of a redrive (R45–R49, R51, R53, Q17, Q24), with each child's outcome given by the test. */
class MapRunRedriveTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final MapRunDecider mapRuns = new MapRunDecider();
  private final StepfoldDecider decider = new StepfoldDecider();

  private Decision startParent(String fields, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""".formatted(fields),
        ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    return decider.decide(decider.initialState(), new Command.StartExecution("start", stateMachine.execution("p"), stateMachine,
        ExecutionType.STANDARD, parsed.definition(), input, "arn:aws:iam::111111111111:role/stepfold"), NOW);
  }

  private static ChildOutcome failure() {
    return ChildOutcome.failed("Item.Broken", "no");
  }

  private static ChildOutcome stopped() {
    return new ChildOutcome(ExecutionStatus.ABORTED, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static ChildOutcome success(int index) {
    return ChildOutcome.succeeded(JsonNodeFactory.instance.numberNode(index));
  }

  /**
   * Two at a time, at most three failures: children 0–3 fail, so the map run fails, stopping child 4 (which reports
   * back ABORTED); child 5 never started.
   */
  private MapRun failedWithTwoNeverStarted() {
    var dispatch = startParent("\"MaxConcurrency\": 2, \"ToleratedFailureCount\": 3,", "[0, 1, 2, 3, 4, 5]").mapRunStarts().get(0);
    var mapRun = mapRuns.start(dispatch).mapRun();
    for (int i = 0; i < 4; i++) {
      mapRun = mapRuns.childEnded(mapRun, i, failure()).mapRun();
    }
    assertThat(mapRun.status()).isEqualTo(MapRunStatus.FAILED);
    mapRun = mapRuns.childEnded(mapRun, 4, stopped()).mapRun();
    assertThat(mapRun.children().subList(4, 6)).containsExactly(MapRun.ChildStatus.ABORTED, MapRun.ChildStatus.PENDING);
    return mapRun;
  }

  private static MapRunWork.Redrive redrive(MapRun mapRun, int count) {
    return new MapRunWork.Redrive(mapRun.dispatch().mapRunArn(), mapRun.dispatch().parentExecutionArn(), count);
  }

  @Test
  void R45_R49_R53_childrenBeyondTheConcurrencyWaitAsPendingRedrive() {
    var failed = failedWithTwoNeverStarted();

    var redriven = mapRuns.redrive(failed, redrive(failed, 1), NOW.plusSeconds(60));

    var mapRun = redriven.mapRun();
    assertThat(redriven.childRedrives()).extracting(MapRunDecision.ChildRedrive::index).containsExactly(0, 1);
    assertThat(redriven.childRedrives().get(0).redrive().executionArn()).isEqualTo(MapRunDecider.childArn(mapRun.dispatch(), 0));
    assertThat(redriven.childStarts()).isEmpty();
    assertThat(mapRun.children()).containsExactly(MapRun.ChildStatus.RUNNING, MapRun.ChildStatus.RUNNING, MapRun.ChildStatus.PENDING_REDRIVE,
        MapRun.ChildStatus.PENDING_REDRIVE, MapRun.ChildStatus.PENDING_REDRIVE, MapRun.ChildStatus.PENDING);
    assertThat(mapRun.counts()).isEqualTo(new MapRunCounts(1, 2, 0, 0, 0, 0, 6, 0, 3));
    assertThat(mapRun.executionStatus(2)).contains(ExecutionStatus.PENDING_REDRIVE);
    assertThat(mapRun.executionStatus(5)).as("never started: not listed").isEmpty();
    assertThat(mapRun.redriveCount()).isEqualTo(1);
    assertThat(mapRun.redriveDate()).contains(NOW.plusSeconds(60));

    var next = mapRuns.childEnded(mapRun, 0, success(0));
    assertThat(next.childRedrives()).extracting(MapRunDecision.ChildRedrive::index).containsExactly(2);
    assertThat(next.mapRun().counts().pendingRedrive()).isEqualTo(2);
  }

  @Test
  void R49_theMapRunEndingResetsPendingRedriveToZero() {
    var failed = failedWithTwoNeverStarted();
    var redriven = mapRuns.redrive(failed, redrive(failed, 1), NOW).mapRun();

    var aborted = mapRuns.abort(redriven);

    assertThat(aborted.mapRun().status()).isEqualTo(MapRunStatus.ABORTED);
    assertThat(aborted.mapRun().counts().pendingRedrive()).isZero();
    assertThat(aborted.mapRun().children().subList(2, 5)).containsExactly(MapRun.ChildStatus.FAILED, MapRun.ChildStatus.FAILED,
        MapRun.ChildStatus.ABORTED);
    assertThat(aborted.childStops()).hasSize(2);
    assertThat(aborted.completion()).as("R52: children 0 and 1 have not reported yet").isEmpty();
    var closed = mapRuns.childEnded(mapRuns.childEnded(aborted.mapRun(), 0, stopped()).mapRun(), 1, stopped());
    assertThat(closed.completion().orElseThrow().succeeded()).isFalse();
    assertThat(closed.mapRun().children().subList(0, 2)).containsExactly(MapRun.ChildStatus.ABORTED, MapRun.ChildStatus.ABORTED);
  }

  @Test
  void R46_R52_aChildRefusingItsRedriveAfterTheMapRunWasAbortedHasReportedAndKeepsItsOutcome() {
    var failed = failedWithTwoNeverStarted();
    var redriven = mapRuns.redrive(failed, redrive(failed, 1), NOW).mapRun();
    var aborted = mapRuns.abort(redriven);
    assertThat(aborted.childStops()).as("children 0 and 1, being redriven").hasSize(2);

    var refused = mapRuns.childRedriveRefused(aborted.mapRun(), 0, "Execution redrivable period exceeded");
    assertThat(refused.completion()).as("child 1 has not reported").isEmpty();
    var closed = mapRuns.childEnded(refused.mapRun(), 1, stopped());

    assertThat(closed.mapRun().children().subList(0, 2)).containsExactly(MapRun.ChildStatus.FAILED, MapRun.ChildStatus.ABORTED);
    assertThat(closed.mapRun().notRedrivable()).containsExactly(0);
    assertThat(closed.mapRun().closed()).isTrue();
    assertThat(closed.completion().orElseThrow().succeeded()).isFalse();
  }

  @Test
  void R48_Q17_Q24_aRerunThatBreaksTheThresholdOverTheWholeMapRunFailsItAgain() {
    var failed = failedWithTwoNeverStarted();
    var mapRun = mapRuns.redrive(failed, redrive(failed, 1), NOW).mapRun();
    // Children 0 and 1 are rerun; 0 fails again, 1 refuses its redrive (R46) and keeps counting as failed.
    mapRun = mapRuns.childEnded(mapRun, 0, failure()).mapRun();
    mapRun = mapRuns.childRedriveRefused(mapRun, 1, "Execution redrivable period exceeded").mapRun();
    mapRun = mapRuns.childEnded(mapRun, 2, failure()).mapRun();
    assertThat(mapRun.counts().failures()).isEqualTo(3);
    assertThat(mapRun.status()).as("3 failures are tolerated").isEqualTo(MapRunStatus.RUNNING);

    var decision = mapRuns.childEnded(mapRun, 3, failure());

    assertThat(decision.mapRun().status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(decision.mapRun().error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    assertThat(decision.mapRun().counts().failuresNotRedrivable()).isEqualTo(1);
    assertThat(decision.childStops()).as("child 4, rerun after child 2").hasSize(1);
    var closed = mapRuns.childEnded(decision.mapRun(), 4, stopped());
    assertThat(closed.completion().orElseThrow().succeeded()).isFalse();
  }

  @Test
  void R48_succeededChildrenKeepTheirResultAcrossARedrive() {
    var dispatch = startParent("\"ToleratedFailureCount\": 0,", "[0, 1, 2]").mapRunStarts().get(0);
    var mapRun = mapRuns.start(dispatch).mapRun();
    mapRun = mapRuns.childEnded(mapRun, 0, success(0)).mapRun();
    mapRun = mapRuns.childEnded(mapRun, 1, failure()).mapRun();
    mapRun = mapRuns.childEnded(mapRun, 2, success(2)).mapRun();

    var redriven = mapRuns.redrive(mapRun, redrive(mapRun, 1), NOW);
    var done = mapRuns.childEnded(redriven.mapRun(), 1, success(1));

    assertThat(redriven.childRedrives()).extracting(MapRunDecision.ChildRedrive::index).containsExactly(1);
    assertThat(done.completion().orElseThrow().results().toString()).isEqualTo("[0,1,2]");
    assertThat(done.mapRun().counts()).isEqualTo(new MapRunCounts(0, 0, 3, 0, 0, 0, 3, 0, 0));
  }

  @Test
  void R42_aRepeatedOrEarlyRedriveOfTheMapRunChangesNothing() {
    var failed = failedWithTwoNeverStarted();
    var redriven = mapRuns.redrive(failed, redrive(failed, 1), NOW).mapRun();

    assertThat(mapRuns.redrive(redriven, redrive(redriven, 1), NOW).events()).as("still running").isEmpty();
  }

  @Test
  void R51_aMapRunIsRedrivenAtMostAThousandTimesAndThenTheMapFailsWithStatesRuntime() {
    var started = startParent("", "[0]");
    var arn = started.execution().started().orElseThrow().executionArn();
    var mapRunArn = started.mapRunStarts().get(0).mapRunArn();
    var execution = started.execution();
    var now = NOW;
    for (int redrive = 0; redrive <= RedriveRules.MAX_MAP_RUN_REDRIVES; redrive++) {
      execution = decider.decide(execution, new Command.CompleteMapRun("c" + redrive, arn, mapRunArn, false,
          JsonNodeFactory.instance.arrayNode(), Optional.of("Item.Broken"), Optional.empty()), now).execution();
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      now = now.plusSeconds(1);
      var decision = decider.decide(execution, new Command.RedriveExecution("r" + redrive, arn, Optional.empty()), now);
      execution = decision.execution();
      if (redrive < RedriveRules.MAX_MAP_RUN_REDRIVES) {
        assertThat(decision.mapRuns()).containsExactly(new MapRunWork.Redrive(mapRunArn, arn, redrive + 1));
      } else {
        assertThat(decision.events()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
        assertThat(execution.error()).contains(StatesError.RUNTIME);
        assertThat(execution.cause().orElseThrow()).contains("has been redriven 1000 times");
        assertThat(decision.mapRuns()).isEmpty();
      }
    }
  }

  @Test
  void R57_mapRunRedrivenCarriesTheMapRunArnAndItsRedriveCount() {
    var started = startParent("", "[0]");
    var arn = started.execution().started().orElseThrow().executionArn();
    var mapRunArn = started.mapRunStarts().get(0).mapRunArn();
    var failed = decider.decide(started.execution(), new Command.CompleteMapRun("c", arn, mapRunArn, false,
        JsonNodeFactory.instance.arrayNode(), Optional.of("Item.Broken"), Optional.empty()), NOW).execution();

    var redriven = decider.decide(failed, new Command.RedriveExecution("r", arn, Optional.empty()), NOW.plusSeconds(1));

    var events = redriven.events();
    var event = events.get(events.size() - 1);
    var mapStateStarted = events.get(events.size() - 2);
    assertThat(event.type()).isEqualTo(HistoryEventType.MAP_RUN_REDRIVEN);
    assertThat(event.details()).isEqualTo(new EventDetails.MapRunRedriven(mapRunArn.value(), 1));
    assertThat(mapStateStarted.type()).isEqualTo(HistoryEventType.MAP_STATE_STARTED);
    assertThat(event.previousEventId()).as("it follows the MapStateStarted").isEqualTo(mapStateStarted.id());
  }

  @Test
  void R52_aMapRunThatHadEndedAnswersAnAbortWithHowItEnded() {
    var dispatch = startParent("", "[0]").mapRunStarts().get(0);
    var ended = mapRuns.childEnded(mapRuns.start(dispatch).mapRun(), 0, failure());

    var abort = mapRuns.abort(ended.mapRun());

    assertThat(abort.events()).isEmpty();
    assertThat(abort.childStops()).isEmpty();
    assertThat(abort.completion()).isEqualTo(ended.completion());
  }

  @Test
  void R34_R45_childrenStoppedWhenTheMapRunFailedAreRecordedAndRerun() {
    var dispatch = startParent("", "[0, 1, 2]").mapRunStarts().get(0);
    var mapRun = mapRuns.start(dispatch).mapRun();
    var failed = mapRuns.childEnded(mapRun, 0, failure());
    assertThat(failed.childStops()).hasSize(2);

    var stoppedReport = mapRuns.childEnded(failed.mapRun(), 1,
        new ChildOutcome(ExecutionStatus.ABORTED, Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(stoppedReport.mapRun().children().get(1)).isEqualTo(MapRun.ChildStatus.ABORTED);
    assertThat(stoppedReport.completion()).as("the map run had already ended").isEmpty();
    assertThat(stoppedReport.mapRun().rerunsOnRedrive(1)).isTrue();
  }

}
