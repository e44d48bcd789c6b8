package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redrive, one test per rule of the redrive specification (R…) and adopted answer (Q…). */
class RedriveTest {
  private static final String CHARGE_THEN_SHIP = """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.step", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30,
          "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1, "IntervalSeconds": 1}], "Next": "Ship"},
        "Ship": {"Type": "Pass", "End": true}}}""";

  private static Command.RedriveExecution redrive(EngineTestKit engine, String token) {
    return new Command.RedriveExecution("redrive-" + token, engine.executionArn, Optional.of(token));
  }

  private static EngineTestKit failedCharge() {
    var engine = given(CHARGE_THEN_SHIP);
    engine.start("{\"order\": 1}");
    engine.at(Duration.ofSeconds(1)).failTask("Card.Declined", "no funds");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    return engine;
  }

  private static void assertRejected(Decision decision, ApiError error, String message) {
    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(error, message));
  }

  @Test
  void R2_runningAndSucceededExecutionsAreNotRedrivable() {
    var engine = given(CHARGE_THEN_SHIP);
    engine.start("{}");
    assertRejected(engine.send(redrive(engine, "a")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution is RUNNING and cannot be redriven");

    engine.succeedTask("{}");
    assertRejected(engine.send(redrive(engine, "b")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution is SUCCEEDED and cannot be redriven");
  }

  @Test
  void R2_anAbortedExecutionIsRedrivable() {
    var engine = given(CHARGE_THEN_SHIP);
    engine.start("{}");
    engine.send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));

    var decision = engine.send(redrive(engine, "a"));

    assertThat(decision.reply()).isInstanceOf(Reply.Accepted.class);
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(engine.sequence()).endsWith("7<-0 ExecutionAborted", "8<-0 ExecutionRedriven", "9<-0 TaskStateEntered", "10<-9 TaskScheduled",
        "11<-10 TaskStarted");
  }

  @Test
  void R3_theRedrivablePeriodEndsFourteenDaysAfterTheClose() {
    var engine = failedCharge();
    var closed = engine.execution.stopDate().orElseThrow();

    engine.now = closed.plus(Duration.ofDays(14)).plusMillis(1);
    assertRejected(engine.send(redrive(engine, "late")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution redrivable period exceeded");

    engine.now = closed.plus(Duration.ofDays(14));
    assertThat(engine.send(redrive(engine, "in-time")).reply()).isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void R5_anExecutionThatFilledItsHistoryIsNeverRedrivable() {
    var engine = given("""
        {"StartAt": "Spin", "States": {"Spin": {"Type": "Pass", "Next": "Again"},
          "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "Spin"},
          "Done": {"Type": "Succeed"}}}""");
    engine.start("{}");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    assertRejected(engine.send(redrive(engine, "a")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution history event limit exceeded");
  }

  @Test
  void R15_aRepeatedClientTokenGetsTheSameAnswerAndNoNewRedrive() {
    var engine = failedCharge();
    engine.at(Duration.ofMinutes(1));
    var first = engine.send(redrive(engine, "same"));
    var events = engine.history.size();

    engine.at(Duration.ofMinutes(10));
    var again = engine.send(redrive(engine, "same"));

    assertThat(again.reply()).isEqualTo(first.reply());
    assertThat(engine.history).hasSize(events);
    assertThat(engine.execution.redrives().count()).isEqualTo(1);
  }

  @Test
  void R17_anotherTokenWhileRunningIsRefused() {
    var engine = failedCharge();
    engine.send(redrive(engine, "first"));

    assertRejected(engine.send(redrive(engine, "second")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution is RUNNING and cannot be redriven");
  }

  @Test
  void R19_R20_Q2_Q3_theUnsuccessfulStateIsEnteredAgainWithItsInput() {
    var engine = failedCharge();
    var failedInput = engine.history.get(3).details(EventDetails.StateEntered.class).input();

    engine.at(Duration.ofHours(1)).send(redrive(engine, "a"));

    assertThat(engine.sequence()).endsWith("9<-0 ExecutionRedriven", "10<-0 TaskStateEntered", "11<-10 TaskScheduled", "12<-11 TaskStarted");
    assertThat(engine.history.get(9).details(EventDetails.StateEntered.class).input()).isEqualTo(failedInput);
    assertThat(engine.history.get(8).details(EventDetails.ExecutionRedriven.class).redriveCount()).isEqualTo(1);
  }

  @Test
  void R20_theStateIsEnteredAgainWithTheInputOfItsFailedAttemptAndTheExecutionInputIsUnchanged() {
    var engine = given("""
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.step", "Next": "Charge"},
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"input.$": "$", "executionInput.$": "$$.Execution.Input"}, "End": true}}}""");
    engine.start("{\"order\": 1}");
    var failedAttempt = engine.lastTask().payload();
    engine.failTask("Card.Declined", "no funds");

    engine.at(Duration.ofHours(1)).send(redrive(engine, "a"));

    var entered = engine.last.events().get(1);
    assertThat(entered.type()).isEqualTo(HistoryEventType.TASK_STATE_ENTERED);
    assertThat(entered.details(EventDetails.StateEntered.class).input()).isEqualTo(json("{\"order\": 1, \"step\": \"prepared\"}"));
    assertThat(engine.lastTask().payload()).isEqualTo(failedAttempt)
        .isEqualTo(json("{\"input\": {\"order\": 1, \"step\": \"prepared\"}, \"executionInput\": {\"order\": 1}}"));
    assertThat(engine.execution.started().orElseThrow().input()).isEqualTo(json("{\"order\": 1}"));
  }

  @Test
  void R20_aRerunIterationEntersItsUnsuccessfulStateWithTheInputThatStateHad() {
    var engine = given("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
          "ItemProcessor": {"StartAt": "Tag", "States": {
            "Tag": {"Type": "Pass", "Result": "tagged", "ResultPath": "$.tag", "Next": "Work"},
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""");
    engine.start("[10, 20]");
    engine.succeed(engine.openTasks().get(0), "\"ten\"");
    engine.fail(engine.openTasks().get(0), "Boom", "item 20");

    engine.send(redrive(engine, "a"));

    var reentered = engine.last.events().stream().filter(event -> event.type() == HistoryEventType.TASK_STATE_ENTERED).toList();
    assertThat(reentered).singleElement().satisfies(event -> {
      assertThat(event.details(EventDetails.StateEntered.class).input()).isEqualTo(json("{\"item\": 20, \"index\": 1, \"tag\": \"tagged\"}"));
      assertThat(event.scope()).isEqualTo(ScopePath.ROOT.child(1));
    });
    assertThat(engine.last.events()).noneMatch(event -> event.type() == HistoryEventType.PASS_STATE_ENTERED);
    engine.succeedTask("\"twenty\"");
    assertThat(engine.execution.output()).contains(json("[\"ten\", \"twenty\"]"));
  }

  @Test
  void R21_statesThatExitedAreNotRunAgain() {
    var engine = failedCharge();
    engine.send(redrive(engine, "a"));
    engine.succeedTask("{\"charged\": true}");

    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED)
        .map(e -> e.details(EventDetails.StateEntered.class).name())).containsExactly("Prepare", "Ship");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(engine.execution.output()).contains(json("{\"charged\": true}"));
  }

  @Test
  void R22_Q20_aCatchIntoAFailStateIsAcceptedAndFailsAgainAtOnce() {
    var engine = given("""
        {"StartAt": "Charge", "States": {
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Give up"}], "End": true},
          "Give up": {"Type": "Fail", "Error": "Declined", "Cause": "the card was declined"}}}""");
    engine.start("{}");
    engine.failTask("Card.Declined", "no funds");

    assertThat(engine.send(redrive(engine, "a")).isRejected()).isFalse();

    assertThat(engine.types()).endsWith(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.FAIL_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
    assertThat(engine.execution.error()).contains("Declined");
  }

  @Test
  void R24_retryCountersStartFromZero() {
    var engine = given(CHARGE_THEN_SHIP);
    engine.start("{}");
    engine.failTask("Busy", "try later");
    engine.fireLastTimer();
    engine.failTask("Busy", "still busy");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    engine.send(redrive(engine, "a"));
    engine.failTask("Busy", "busy again");

    assertThat(engine.execution.status()).as("the retrier has its attempt again").isEqualTo(ExecutionStatus.RUNNING);
    assertThat(engine.execution.root().active().orElseThrow().retryCount()).isZero();
  }

  @Test
  void R26_theTaskTimeoutStartsAgainWithTheNewTask() {
    var engine = failedCharge();
    engine.at(Duration.ofHours(2)).send(redrive(engine, "a"));

    var timeout = engine.lastTimerSet();
    assertThat(timeout.due()).isEqualTo(engine.now.plusSeconds(30));
    assertThat(timeout.timerId()).isEqualTo(Timers.taskTimeout(engine.lastTask().scheduledEventId()));
  }

  @Test
  void R27_theStateMachineTimeoutStartsAgain() {
    var engine = given("""
        {"TimeoutSeconds": 60, "StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""");
    engine.start("{}");
    engine.at(Duration.ofSeconds(60)).fire(Timers.EXECUTION_TIMEOUT);
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);

    engine.at(Duration.ofMinutes(5)).send(redrive(engine, "a"));

    assertThat(engine.timers).contains(new TimerChange.Set(Timers.EXECUTION_TIMEOUT, engine.now.plusSeconds(60)));
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void R30_Q8_theFailedAttemptsTokenIsDead() {
    var engine = failedCharge();
    var oldTask = engine.lastTask();
    engine.send(redrive(engine, "a"));

    var decision = engine.succeed(oldTask, "{}");

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.TASK_TIMED_OUT));
    assertThat(engine.lastTask().taskToken()).isNotEqualTo(oldTask.taskToken());
  }

  @Test
  void R31_theContextObjectShowsTheRedriveCountAndTime() {
    var engine = given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"count.$": "$$.Execution.RedriveCount", "context.$": "$$.Execution"}, "End": true}}}""");
    engine.start("{}");
    assertThat(engine.lastTask().payload().path("count").asInt()).isZero();
    assertThat(engine.lastTask().payload().path("context").has("RedriveTime")).isFalse();
    engine.failTask("Boom", "x");

    engine.at(Duration.ofMinutes(3)).send(redrive(engine, "a"));

    assertThat(engine.lastTask().payload().path("count").asInt()).isEqualTo(1);
    assertThat(engine.lastTask().payload().path("context").path("RedriveTime").asText()).isEqualTo("2026-01-01T00:03:00.000Z");
  }

  @Test
  void R33_R36_onlyTheFailedBranchRunsAgainAndResultsKeepTheirPositions() {
    var engine = given("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""");
    engine.start("{}");
    var charge = engine.openTasks().get(0);
    var reserve = engine.openTasks().get(1);
    engine.succeed(charge, "\"charged\"");
    engine.fail(reserve, "Stock.Empty", "none left");

    engine.send(redrive(engine, "a"));

    assertThat(engine.openTasks()).hasSize(1);
    assertThat(engine.openTasks().get(0).stateName()).isEqualTo("Reserve");
    engine.succeed(engine.openTasks().get(0), "\"reserved\"");
    assertThat(engine.execution.output()).contains(json("[\"charged\", \"reserved\"]"));
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
        .map(e -> e.details(EventDetails.StateEntered.class).name())).containsExactly("Charge", "Reserve", "Reserve");
  }

  @Test
  void R33_aThousandIterationsWithTenFailedRedriveExactlyTenTasks() {
    var engine = given("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""");
    var items = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      items.append(i == 0 ? "" : ",").append(i);
    }
    engine.start(items.append(']').toString());
    var open = engine.openTasks();
    assertThat(open).hasSize(1000);
    for (var task : open) {
      if (task.payload().asInt() % 100 != 7) {
        engine.succeed(task, task.payload().toString());
      }
    }
    // The first of the ten fails its iteration and the Map; the nine others are aborted with it (R34).
    engine.fail(engine.openTasks().get(0), "Boom", "x");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.types().stream().filter(type -> type == HistoryEventType.MAP_ITERATION_FAILED)).hasSize(1);
    assertThat(engine.types().stream().filter(type -> type == HistoryEventType.MAP_ITERATION_ABORTED)).hasSize(9);
    int dispatchedBefore = engine.tasks.size();
    int eventsBefore = engine.history.size();

    engine.send(redrive(engine, "a"));

    var dispatched = engine.tasks.subList(dispatchedBefore, engine.tasks.size());
    assertThat(dispatched).extracting(task -> task.payload().asInt()).containsExactly(7, 107, 207, 307, 407, 507, 607, 707, 807, 907);
    assertThat(engine.history.subList(eventsBefore, engine.history.size()).stream()
        .filter(event -> event.type() == HistoryEventType.MAP_ITERATION_STARTED)).hasSize(10);
    for (var task : engine.openTasks()) {
      engine.succeed(task, task.payload().toString());
    }
    assertThat(engine.tasks.size() - dispatchedBefore).as("nothing else was dispatched").isEqualTo(10);
    var output = engine.execution.output().orElseThrow();
    assertThat(output.size()).isEqualTo(1000);
    assertThat(output.get(307).asInt()).isEqualTo(307);
    assertThat(output.get(308).asInt()).isEqualTo(308);
  }

  @Test
  void R35_anAbortedBranchResumesAtTheStateItStoppedIn() {
    var engine = given("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Fails", "States": {"Fails": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "First", "States": {"First": {"Type": "Pass", "Next": "Slow"},
            "Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""");
    engine.start("{}");
    engine.fail(engine.openTasks().get(0), "Boom", "x");

    engine.send(redrive(engine, "a"));

    assertThat(engine.openTasks().stream().map(TaskDispatch::stateName)).containsExactlyInAnyOrder("Fails", "Slow");
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED)).hasSize(1);
  }

  @Test
  void R55_aSecondAndThirdRedriveAppendToTheSameHistory() {
    var engine = failedCharge();
    engine.send(redrive(engine, "a"));
    engine.failTask("Card.Declined", "again");
    engine.send(redrive(engine, "b"));
    engine.failTask("Card.Declined", "and again");

    engine.send(redrive(engine, "c"));

    assertThat(engine.execution.redrives().count()).isEqualTo(3);
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
        .map(e -> e.details(EventDetails.ExecutionRedriven.class).redriveCount())).containsExactly(1, 2, 3);
    assertThat(engine.history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_STARTED)).hasSize(1);
  }
}
