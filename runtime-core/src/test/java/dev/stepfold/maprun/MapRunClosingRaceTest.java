package dev.stepfold.maprun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A map run that ended while children it stopped were still running, with commands delivered in the order a broker
 * may deliver them rather than the order they were sent: here a redrive of the parent reaches it before the stopped
 * children's reports reach the map run (R52, Q23). The parent, its map run and the children are run by the engine,
 * each command on a queue; the children's tasks answer with ten times their item, or fail for the items in
 * {@link Deliveries#failing}.
 */
class MapRunClosingRaceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ALL_SUCCEEDED = "[0,10,20,30,40,50,60,70,80,90]";

  @Test
  void R52_Q23_aRedriveOfAStoppedParentBeforeItsStoppedChildrenReportedWaitsForThemAndRerunsThem() {
    var raced = stoppedThenRedriven(true);

    assertEndsAsNeverRaced(raced, stoppedThenRedriven(false));
    assertThat(types(raced.parentEvents)).containsSubsequence(HistoryEventType.EXECUTION_ABORTED, HistoryEventType.MAP_RUN_ABORTED, HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void R52_Q23_aRedriveAfterTheMapRunFailedButBeforeItsStoppedChildrenReportedWaitsForThemAndRerunsThem() {
    assertEndsAsNeverRaced(failedStoppedThenRedriven(true), failedStoppedThenRedriven(false));
  }

  @Test
  void R52_aMapRunThatFailedTellsItsParentOnlyOnceTheChildrenItStoppedHaveReported() {
    var run = new Deliveries();
    run.failing.add(3);
    run.start();
    run.holdReports();
    run.answer(3);   // child 3 fails: the map run fails and stops children 4 and 5, whose reports are held
    assertThat(run.mapRun.status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(run.mapRun.closed()).isFalse();

    var early = run.send(new Command.RedriveExecution("early", run.parentArn, Optional.empty()));

    assertThat(early).as("the parent is still in its Map").isEqualTo(new Reply.Rejected(ApiError.EXECUTION_NOT_REDRIVABLE,
        "Execution is RUNNING and cannot be redriven"));
    run.releaseReports();
    assertThat(run.mapRun.closed()).isTrue();
    assertThat(run.parent().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.parent().error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    assertThat(run.mapRun.counts()).isEqualTo(new MapRunCounts(4, 0, 3, 1, 0, 2, 10));
  }

  /** The parent is stopped while children 3-5 run; its redrive comes before (raced) or after the children's reports. */
  private Deliveries stoppedThenRedriven(boolean raced) {
    var run = new Deliveries();
    run.start();
    run.holdReports();
    run.send(new Command.StopExecution("stop", run.parentArn, Optional.empty(), Optional.empty()));
    assertThat(run.parent().status()).isEqualTo(ExecutionStatus.ABORTED);
    redriveAroundTheReports(run, raced);
    return run;
  }

  /**
   * Child 3 fails, so the map run fails and stops children 4 and 5; before it has heard from them, the parent is
   * stopped, and its redrive comes before (raced) or after the children's reports.
   */
  private Deliveries failedStoppedThenRedriven(boolean raced) {
    var run = new Deliveries();
    run.failing.add(3);
    run.start();
    run.holdReports();
    run.answer(3);
    assertThat(run.mapRun.status()).isEqualTo(MapRunStatus.FAILED);
    run.send(new Command.StopExecution("stop", run.parentArn, Optional.empty(), Optional.empty()));
    assertThat(run.parent().status()).isEqualTo(ExecutionStatus.ABORTED);
    run.failing.clear();
    redriveAroundTheReports(run, raced);
    return run;
  }

  private static void redriveAroundTheReports(Deliveries run, boolean raced) {
    run.openTasks.clear();   // the stopped children's tasks: nobody answers them
    run.closedAt = run.calls.size();
    var redrive = new Command.RedriveExecution("redrive", run.parentArn, Optional.of("fixed"));
    if (!raced) {
      run.releaseReports();
    }
    assertThat(run.send(redrive)).isInstanceOf(Reply.Accepted.class);
    if (raced) {
      assertThat(run.parent().redrives().count()).as("Q23: the redrive waits for the map run to close").isZero();
      assertThat(run.mapRun.parentRedrives()).containsExactly(redrive);
      run.releaseReports();
    }
    assertThat(run.parent().redrives().count()).isEqualTo(1);
    run.answerUntilIdle();
  }

  /**
   * The raced run reran the children 3-5 the map run stopped (R45) — with child 3 that failed, when one did — and the
   * items never started, and its parent ended with the history of the run whose children reported before the redrive.
   */
  private static void assertEndsAsNeverRaced(Deliveries raced, Deliveries neverRaced) {
    assertThat(raced.parent().status()).isEqualTo(ExecutionStatus.SUCCEEDED).isEqualTo(neverRaced.parent().status());
    assertThat(raced.parent().output().orElseThrow().toString()).isEqualTo(ALL_SUCCEEDED);
    assertThat(raced.redrivenChildren).containsExactly(3, 4, 5).isEqualTo(neverRaced.redrivenChildren);
    assertThat(raced.callsAfterClose()).containsExactly(3, 4, 5, 6, 7, 8, 9).isEqualTo(neverRaced.callsAfterClose());
    assertThat(types(raced.parentEvents)).isEqualTo(types(neverRaced.parentEvents));
  }

  private static List<HistoryEventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  /**
   * The parent, its map run and the children, with a queue of what each sends the others, delivered in order except
   * the reports of the children the map run stopped, which are held from {@link #holdReports} until {@link #releaseReports}.
   */
  private static final class Deliveries {
    private sealed interface Delivery permits ToExecution, ToMapRun, ChildReport {}

    private record ToExecution(Command command) implements Delivery {}

    private record ToMapRun(MapRunWork work) implements Delivery {}

    private record ChildReport(int index, ChildOutcome outcome) implements Delivery {}

    private final StepfoldDecider decider = new StepfoldDecider();
    private final MapRunDecider mapRuns = new MapRunDecider();
    private final Deque<Delivery> queue = new ArrayDeque<>();
    private final List<ChildReport> heldReports = new ArrayList<>();
    private final Set<Integer> stoppedChildren = new HashSet<>();
    private final Map<ExecutionArn, ExecutionState> executions = new HashMap<>();
    private final Map<ExecutionArn, Integer> childIndexes = new HashMap<>();
    private final Map<String, Reply> replies = new HashMap<>();
    private final List<TaskDispatch> openTasks = new ArrayList<>();
    private final List<HistoryEvent> parentEvents = new ArrayList<>();
    private final List<Integer> redrivenChildren = new ArrayList<>();
    private final List<Integer> calls = new ArrayList<>();
    private final Set<Integer> failing = new HashSet<>();
    private final ExecutionArn parentArn = ArnFormat.DEFAULT.stateMachine("orders").execution("batch");
    private MapRun mapRun;
    private Instant now = T0;
    private int closedAt;
    private int requests;
    private boolean holdingReports;

    /** Starts the parent; children 0-2 succeed, and 3-5 start and wait on their tasks. */
    void start() {
      var parsed = (ParsedDefinition.Valid) DefinitionParser.parse("""
          {"StartAt": "EachItem", "States": {"EachItem": {"Type": "Map", "MaxConcurrency": 3,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Handle", "States": {"Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            "End": true}}}""", ExecutionType.STANDARD);
      send(new Command.StartExecution("start", parentArn, parentArn.stateMachine(), ExecutionType.STANDARD, parsed.definition(),
          "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", "arn:aws:iam::111111111111:role/stepfold"));
      for (int item = 0; item < 3; item++) {
        answer(item);
      }
    }

    ExecutionState parent() {
      return executions.get(parentArn);
    }

    /** Sends a command to an execution and delivers everything it leads to; returns its reply. */
    Reply send(Command command) {
      now = now.plusSeconds(1);
      queue.add(new ToExecution(command));
      deliverAll();
      return replies.get(command.requestId());
    }

    /** Answers the open task of the child that runs {@code item}. */
    void answer(int item) {
      var task = openTasks.stream().filter(open -> open.payload().asInt() == item).findFirst().orElseThrow();
      openTasks.remove(task);
      calls.add(item);
      var requestId = "answer-" + ++requests;
      send(failing.contains(item)
          ? new Command.SendTaskFailure(requestId, task.executionArn(), task.taskToken(), Optional.of("Item.Broken"), Optional.of("item " + item))
          : new Command.SendTaskSuccess(requestId, task.executionArn(), task.taskToken(), String.valueOf(item * 10)));
    }

    void answerUntilIdle() {
      while (!openTasks.isEmpty()) {
        answer(openTasks.get(0).payload().asInt());
      }
    }

    /** From now on, the reports of the children the map run stops wait until {@link #releaseReports}. */
    void holdReports() {
      holdingReports = true;
    }

    void releaseReports() {
      holdingReports = false;
      queue.addAll(heldReports);
      heldReports.clear();
      deliverAll();
    }

    List<Integer> callsAfterClose() {
      return calls.subList(closedAt, calls.size());
    }

    private void deliverAll() {
      while (!queue.isEmpty()) {
        var delivery = queue.poll();
        if (delivery instanceof ToExecution toExecution) {
          deliver(toExecution.command());
        } else if (delivery instanceof ToMapRun toMapRun) {
          apply(decide(toMapRun.work()));
        } else if (holdingReports && stoppedChildren.contains(((ChildReport) delivery).index())) {
          heldReports.add((ChildReport) delivery);
        } else {
          var report = (ChildReport) delivery;
          apply(mapRuns.childEnded(mapRun, report.index(), report.outcome()));
        }
      }
    }

    private void deliver(Command command) {
      var arn = command.executionArn();
      var before = executions.getOrDefault(arn, decider.initialState());
      var decision = decider.decide(before, command, now);
      replies.put(command.requestId(), decision.reply());
      if (decision.isRejected()) {
        return;
      }
      executions.put(arn, decision.execution());
      if (arn.equals(parentArn)) {
        parentEvents.addAll(decision.events());
      }
      openTasks.addAll(decision.tasks());
      // a child's report to its map run is what the holding back applies to
      decision.mapRuns().forEach(work -> queue.add(work instanceof MapRunWork.ChildEnded ended
          ? new ChildReport(ended.index(), ended.outcome()) : new ToMapRun(work)));
    }

    private MapRunDecision decide(MapRunWork work) {
      if (work instanceof MapRunWork.Start start) {
        return mapRuns.start(start.dispatch());
      } else if (work instanceof MapRunWork.Redrive redrive) {
        return mapRuns.redrive(mapRun, redrive, now);
      } else if (work instanceof MapRunWork.Abort) {
        return mapRuns.abort(mapRun);
      }
      return mapRuns.redriveParentWhenClosed(mapRun, ((MapRunWork.RedriveParentWhenClosed) work).redrive());
    }

    private void apply(MapRunDecision decision) {
      mapRun = decision.mapRun();
      for (var start : decision.childStarts()) {
        childIndexes.put(start.start().executionArn(), start.index());
        queue.add(new ToExecution(start.start()));
      }
      for (var redrive : decision.childRedrives()) {
        redrivenChildren.add(redrive.index());
        queue.add(new ToExecution(redrive.redrive()));
      }
      for (var stop : decision.childStops()) {
        stoppedChildren.add(childIndexes.get(stop.executionArn()));
        queue.add(new ToExecution(stop));
      }
      decision.completion().ifPresent(completion -> queue.add(new ToExecution(completion)));
      decision.parentRedrives().forEach(redrive -> queue.add(new ToExecution(redrive)));
    }
  }
}
