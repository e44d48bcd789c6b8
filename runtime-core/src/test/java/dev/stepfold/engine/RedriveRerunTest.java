package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a redrive runs again, state by state (R8, R21–R40, Q6, Q7, Q9, Q18, Q25), one test per rule. */
class RedriveRerunTest {
  private static final String LAMBDA = "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\"";

  private static Decision redrive(EngineTestKit engine, String token) {
    return engine.send(new Command.RedriveExecution("redrive-" + token, engine.executionArn, Optional.of(token)));
  }

  private static List<HistoryEventType> typesSinceLastRedrive(EngineTestKit engine) {
    var types = engine.types();
    return types.subList(types.lastIndexOf(HistoryEventType.EXECUTION_REDRIVEN), types.size());
  }

  @Test
  void R8_theRedriveRunsTheDefinitionTheExecutionStartedWith() {
    var engine = given("{\"StartAt\": \"Charge\", \"States\": {\"Charge\": {" + LAMBDA + ", \"End\": true}}}");
    engine.start("{}");
    engine.failTask("Boom", "x");
    var startedWith = engine.execution.started().orElseThrow().definition();

    redrive(engine, "a");

    assertThat(engine.execution.started().orElseThrow().definition()).isSameAs(startedWith);
    assertThat(engine.lastTask().stateName()).isEqualTo("Charge");
  }

  @Test
  void R21_R31_aChoiceIsEvaluatedAgainAndMaySeeTheRedriveCount() {
    var engine = given("""
        {"StartAt": "Decide", "States": {
          "Decide": {"Type": "Choice", "Choices": [{"Variable": "$$.Execution.RedriveCount", "NumericGreaterThan": 0, "Next": "Done"}]},
          "Done": {"Type": "Succeed"}}}""");
    engine.start("{}");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    redrive(engine, "a");

    assertThat(typesSinceLastRedrive(engine)).containsExactly(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.CHOICE_STATE_ENTERED,
        HistoryEventType.CHOICE_STATE_EXITED, HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void R23_aTaskWhoseResultFailedToProcessIsCalledAgain() {
    var engine = given("{\"StartAt\": \"Charge\", \"States\": {\"Charge\": {" + LAMBDA
        + ", \"ResultSelector\": {\"id.$\": \"$.missing\"}, \"End\": true}}}");
    engine.start("{}");
    engine.succeedTask("{\"charged\": true}");
    assertThat(engine.execution.error()).contains(StatesError.RUNTIME);
    assertThat(engine.types()).doesNotContain(HistoryEventType.TASK_STATE_EXITED);

    redrive(engine, "a");

    assertThat(engine.openTasks()).hasSize(1);
    assertThat(engine.tasks).hasSize(2);
  }

  @Test
  void R25_theRerunStateCatchesAsItIsWritten() {
    var engine = given("{\"StartAt\": \"Charge\", \"States\": {\"Charge\": {" + LAMBDA
        + ", \"Catch\": [{\"ErrorEquals\": [\"Card.Declined\"], \"Next\": \"Declined\"}], \"End\": true},"
        + " \"Declined\": {\"Type\": \"Pass\", \"End\": true}}}");
    engine.start("{}");
    engine.failTask("Network", "unexpected");
    redrive(engine, "a");

    engine.failTask("Card.Declined", "no funds");

    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(engine.execution.output().orElseThrow().path("Error").asText()).isEqualTo("Card.Declined");
  }

  @Test
  void R28_aWaitForATimestampThatHasPassedExitsAtOnce() {
    var engine = given("{\"StartAt\": \"Until\", \"States\": {\"Until\": {\"Type\": \"Wait\", \"Timestamp\": \"2026-01-01T00:10:00Z\","
        + " \"Next\": \"Charge\"}, \"Charge\": {" + LAMBDA + ", \"End\": true}}}");
    engine.start("{}");
    engine.at(Duration.ofMinutes(1)).send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));

    engine.at(Duration.ofMinutes(20));
    redrive(engine, "a");

    assertThat(typesSinceLastRedrive(engine)).startsWith(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED,
        HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.TASK_STATE_ENTERED);
  }

  @Test
  void Q6_aWaitOfSecondsStartsAgainInFull() {
    var engine = given("{\"StartAt\": \"Pause\", \"States\": {\"Pause\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}");
    engine.start("{}");
    engine.at(Duration.ofMinutes(5)).send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));

    engine.at(Duration.ofHours(1));
    redrive(engine, "a");

    assertThat(engine.lastTimerSet().due()).isEqualTo(engine.now.plusSeconds(600));
  }

  @Test
  void Q7_R26_theHeartbeatAndTheTimeoutStartAgainWithTheNewTask() {
    var engine = given("{\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"TimeoutSeconds\": 100, \"HeartbeatSeconds\": 20,"
        + " \"End\": true}}}");
    engine.start("{}");
    engine.fire(Timers.heartbeatTimeout(engine.lastTask().scheduledEventId()));
    assertThat(engine.execution.error()).contains(StatesError.TIMEOUT);

    engine.at(Duration.ofHours(1));
    redrive(engine, "a");

    var scheduled = engine.lastTask().scheduledEventId();
    assertThat(engine.last.timers()).contains(new TimerChange.Set(Timers.heartbeatTimeout(scheduled), engine.now.plusSeconds(20)),
        new TimerChange.Set(Timers.taskTimeout(scheduled), engine.now.plusSeconds(100)));
  }

  @Test
  void R29_Q9_aNestedExecutionIsStartedAgainNotRedriven() {
    var engine = given("""
        {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
          "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:child", "Input": {"n": 1}}, "End": true}}}""");
    engine.start("{}");
    var first = engine.lastTask();
    engine.failTask("States.TaskFailed", "the child failed");

    redrive(engine, "a");

    var again = engine.lastTask();
    assertThat(again.taskToken()).isNotEqualTo(first.taskToken());
    assertThat(again.resource()).isEqualTo(first.resource());
    assertThat(again.payload()).isEqualTo(first.payload());
  }

  @Test
  void R34_iterationsAbortedWhenAnotherFailedRunAgain() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {"
        + "\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("[1, 2, 3]");
    engine.fail(engine.openTasks().get(1), "Boom", "x");
    assertThat(engine.types()).contains(HistoryEventType.MAP_ITERATION_ABORTED, HistoryEventType.TASK_STATE_ABORTED);
    int before = engine.tasks.size();

    redrive(engine, "a");

    assertThat(engine.tasks.size() - before).isEqualTo(3);
  }

  @Test
  void R2_R34_anExecutionStoppedDuringAParallelRerunsOnlyTheBranchesTheStopAborted() {
    var engine = given("{\"StartAt\": \"Both\", \"States\": {\"Both\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
        + "{\"StartAt\": \"A\", \"States\": {\"A\": {" + LAMBDA + ", \"End\": true}}},"
        + "{\"StartAt\": \"B\", \"States\": {\"B\": {" + LAMBDA + ", \"End\": true}}}]}}}");
    engine.start("{}");
    engine.succeed(engine.openTasks().get(0), "\"a\"");
    engine.at(Duration.ofMinutes(1)).send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.ABORTED);

    redrive(engine, "a");

    assertThat(engine.openTasks()).extracting(TaskDispatch::stateName).containsExactly("B");
    engine.succeed(engine.openTasks().get(0), "\"b\"");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(engine.execution.output().orElseThrow()).isEqualTo(EngineTestKit.json("[\"a\", \"b\"]"));
  }

  @Test
  void R2_R34_anExecutionStoppedDuringAnInlineMapRerunsOnlyTheIterationsTheStopAborted() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {"
        + "\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("[1, 2, 3]");
    engine.succeed(engine.openTasks().get(1), "20");
    engine.at(Duration.ofMinutes(1)).send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.ABORTED);

    redrive(engine, "a");

    var reruns = engine.openTasks();
    assertThat(reruns).hasSize(2);
    engine.succeed(reruns.get(0), "10");
    engine.succeed(reruns.get(1), "30");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(engine.execution.output().orElseThrow()).isEqualTo(EngineTestKit.json("[10, 20, 30]"));
  }

  @Test
  void R36_rerunIterationsFillTheirOwnPositionsAndResultSelectorResultPathAndOutputPathApplyAsUsual() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ItemsPath\": \"$.items\","
        + " \"ResultSelector\": {\"first.$\": \"$[0]\", \"all.$\": \"$\"}, \"ResultPath\": \"$.results\", \"OutputPath\": \"$.results\","
        + " \"ItemProcessor\": {\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("{\"items\": [1, 2, 3, 4]}");
    var open = engine.openTasks();
    engine.succeed(open.get(3), "\"r4\"");
    engine.succeed(open.get(1), "\"r2\"");
    engine.fail(open.get(0), "Boom", "x");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    redrive(engine, "a");

    var reruns = engine.openTasks();
    assertThat(reruns).extracting(task -> task.payload().asInt()).containsExactly(1, 3);
    engine.succeed(reruns.get(1), "\"r3\"");
    engine.succeed(reruns.get(0), "\"r1\"");
    assertThat(engine.execution.output()).contains(json("{\"first\": \"r1\", \"all\": [\"r1\", \"r2\", \"r3\", \"r4\"]}"));
  }

  @Test
  void R37_aParallelThatFailedWithDataLimitExceededRerunsEveryBranch() {
    var engine = given("{\"StartAt\": \"Both\", \"States\": {\"Both\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
        + "{\"StartAt\": \"A\", \"States\": {\"A\": {" + LAMBDA + ", \"End\": true}}},"
        + "{\"StartAt\": \"B\", \"States\": {\"B\": {" + LAMBDA + ", \"End\": true}}}]}}}");
    engine.start("{}");
    var big = "\"" + "x".repeat(150_000) + "\"";
    engine.succeed(engine.openTasks().get(0), big);
    engine.succeed(engine.openTasks().get(0), big);
    assertThat(engine.execution.error()).contains(StatesError.DATA_LIMIT_EXCEEDED);

    redrive(engine, "a");

    assertThat(engine.openTasks()).extracting(TaskDispatch::stateName).containsExactly("A", "B");
  }

  @Test
  void R37_anInlineMapThatFailedWithDataLimitExceededRerunsEveryIteration() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {"
        + "\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("[1, 2]");
    var big = "\"" + "x".repeat(150_000) + "\"";
    engine.succeed(engine.openTasks().get(0), big);
    engine.succeed(engine.openTasks().get(0), big);
    assertThat(engine.execution.error()).contains(StatesError.DATA_LIMIT_EXCEEDED);

    redrive(engine, "a");

    assertThat(engine.openTasks()).hasSize(2);
  }

  @Test
  void R24_R38_aParallelsOwnRetryStartsFromZero() {
    var engine = given("{\"StartAt\": \"Both\", \"States\": {\"Both\": {\"Type\": \"Parallel\", \"End\": true,"
        + " \"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 1, \"IntervalSeconds\": 1}], \"Branches\": ["
        + "{\"StartAt\": \"A\", \"States\": {\"A\": {" + LAMBDA + ", \"End\": true}}}]}}}");
    engine.start("{}");
    engine.failTask("Boom", "1");
    engine.fireLastTimer();
    engine.failTask("Boom", "2");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    redrive(engine, "a");
    engine.failTask("Boom", "3");

    assertThat(engine.execution.status()).as("the Parallel retries again").isEqualTo(ExecutionStatus.RUNNING);
    assertThat(engine.last.timers()).anySatisfy(timer -> assertThat(timer).isInstanceOf(TimerChange.Set.class));
  }

  @Test
  void R38_anInlineMapsOwnRetryStartsFromZero() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true,"
        + " \"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 1, \"IntervalSeconds\": 1}],"
        + " \"ItemSelector\": {\"retry.$\": \"$$.State.RetryCount\"},"
        + " \"ItemProcessor\": {\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("[1]");
    engine.failTask("Boom", "1");
    engine.fireLastTimer();
    assertThat(engine.lastTask().payload()).isEqualTo(json("{\"retry\": 1}"));
    engine.failTask("Boom", "2");
    assertThat(engine.execution.status()).as("its one retry is used").isEqualTo(ExecutionStatus.FAILED);

    redrive(engine, "a");
    assertThat(engine.execution.root().active().orElseThrow().retryCount()).isZero();
    engine.failTask("Boom", "3");

    assertThat(engine.execution.status()).as("the Map retries again").isEqualTo(ExecutionStatus.RUNNING);
    assertThat(Timers.purpose(engine.lastTimerSet().timerId())).hasValueSatisfying(purpose ->
        assertThat(purpose).isInstanceOfSatisfying(Timers.Purpose.RetryDue.class, retry -> assertThat(retry.retryNumber()).isEqualTo(1)));
    engine.fireLastTimer();
    assertThat(engine.lastTask().payload()).as("the first retry since the redrive").isEqualTo(json("{\"retry\": 1}"));
    engine.failTask("Boom", "4");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void R39_anInlineMapFailsAgainWhenARerunIterationFails() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ToleratedFailureCount\": 5,"
        + " \"ItemProcessor\": {\"StartAt\": \"Work\", \"States\": {\"Work\": {" + LAMBDA + ", \"End\": true}}}}}}");
    engine.start("[1, 2]");
    engine.succeed(engine.openTasks().get(0), "1");
    engine.fail(engine.openTasks().get(0), "Boom", "x");
    redrive(engine, "a");

    engine.fail(engine.openTasks().get(0), "Boom", "again");

    assertThat(engine.execution.status()).as("ToleratedFailureCount is of Distributed mode only").isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void R40_insideAMapOnlyTheFailedBranchOfTheFailedIterationRunsAgain() {
    var engine = given("{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {"
        + "\"StartAt\": \"Both\", \"States\": {\"Both\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
        + "{\"StartAt\": \"A\", \"States\": {\"A\": {" + LAMBDA + ", \"End\": true}}},"
        + "{\"StartAt\": \"B\", \"States\": {\"B\": {" + LAMBDA + ", \"End\": true}}}]}}}}}}");
    engine.start("[10, 20]");
    var open = engine.openTasks();
    engine.succeed(open.get(0), "\"a10\"");
    engine.succeed(open.get(1), "\"b10\"");
    engine.succeed(open.get(2), "\"a20\"");
    engine.fail(open.get(3), "Boom", "x");
    int before = engine.tasks.size();

    redrive(engine, "a");

    assertThat(engine.tasks.size() - before).isEqualTo(1);
    assertThat(engine.lastTask().stateName()).isEqualTo("B");
    assertThat(engine.history.get(engine.history.size() - 1).scope()).isEqualTo(ScopePath.ROOT.child(1).child(1));
    engine.succeedTask("\"b20\"");
    assertThat(engine.execution.output()).contains(json("[[\"a10\", \"b10\"], [\"a20\", \"b20\"]]"));
  }

  @Test
  void Q18_variablesAssignedBeforeTheFailureAreSeenByTheRerunState() {
    var engine = given("{\"StartAt\": \"Remember\", \"States\": {\"Remember\": {\"Type\": \"Pass\", \"Assign\": {\"order\": 42}, \"Next\": \"Charge\"},"
        + " \"Charge\": {" + LAMBDA + ", \"Parameters\": {\"order.$\": \"$order\"}, \"End\": true}}}");
    engine.start("{}");
    engine.failTask("Boom", "x");

    redrive(engine, "a");

    assertThat(engine.lastTask().payload()).isEqualTo(json("{\"order\": 42}"));
  }

  @Test
  void Q25_anExecutionThatFailedAfterItsLastStateExitedEndsAgainAsItEnded() {
    var engine = given("{\"StartAt\": \"Only\", \"States\": {\"Only\": {\"Type\": \"Pass\", \"End\": true}}}");
    var started = engine.decider.decide(engine.execution, new Command.StartExecution("s", engine.executionArn, engine.stateMachineArn,
        ExecutionType.STANDARD, engine.definition, "{}", EngineTestKit.ROLE), engine.now);
    // An imported history: the output was too large for the execution, after the last state had exited.
    var events = new ArrayList<>(started.events().subList(0, started.events().size() - 1));
    var failure = new HistoryEvent(events.size() + 1, events.size(), engine.now, HistoryEventType.EXECUTION_FAILED,
        new EventDetails.Failure(Optional.of(StatesError.DATA_LIMIT_EXCEEDED), Optional.of("too large")), ScopePath.ROOT);
    events.add(failure);
    engine.execution = engine.replay(events);
    engine.history.addAll(events);
    assertThat(engine.execution.root().active()).isEmpty();

    redrive(engine, "a");

    assertThat(typesSinceLastRedrive(engine)).containsExactly(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.EXECUTION_FAILED);
    assertThat(engine.execution.error()).contains(StatesError.DATA_LIMIT_EXCEEDED);
    assertThat(engine.execution.cause()).contains("too large");
  }
}
