package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.error.ApiError;
import dev.stepfold.redrive.RedriveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may redrive, and what a refused redrive answers (R1–R17, Q1, Q10, Q11, Q13, Q19), one test per rule. */
class RedriveEligibilityTest {
  private static final String ONE_TASK = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";

  private static Command.RedriveExecution redrive(EngineTestKit engine, String token) {
    return new Command.RedriveExecution("redrive-" + token, engine.executionArn, Optional.of(token));
  }

  private static EngineTestKit failed(EngineTestKit engine) {
    engine.start("{}");
    engine.failTask("Boom", "it broke");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    return engine;
  }

  private static void assertRejected(Decision decision, ApiError error, String message) {
    assertThat(decision.reply()).isEqualTo(new Reply.Rejected(error, message));
    assertThat(decision.events()).isEmpty();
  }

  @Test
  void R1_Q13_anExpressExecutionArnIsRefusedAsAwsRefusesItElsewhere() {
    var engine = failed(given(ONE_TASK));
    var express = new ExecutionArn(engine.executionArn.value().replace(":execution:", ":express:") + ":0001");

    var decision = engine.decider.decide(engine.execution, new Command.RedriveExecution("r", express, Optional.empty()), engine.now);

    assertRejected(decision, ApiError.INVALID_ARN, "Invalid Arn: 'Resource type not valid in this context: express'");
  }

  @Test
  void R1_anExpressExecutionIsNeverRedrivable() {
    var engine = given(ONE_TASK);
    engine.send(new Command.StartExecution("start", engine.executionArn, engine.stateMachineArn, ExecutionType.EXPRESS, engine.definition, "{}",
        EngineTestKit.ROLE));
    engine.failTask("Boom", "x");

    assertThat(engine.send(redrive(engine, "a")).reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.EXECUTION_NOT_REDRIVABLE));
  }

  @Test
  void R4_Q10_theOneYearMaximumCountsFromTheOriginalStartNotFromTheLastRedrive() {
    var engine = failed(given(ONE_TASK));
    engine.at(Duration.ofDays(10)).send(redrive(engine, "a"));
    engine.at(Duration.ofDays(360)).failTask("Boom", "again");

    engine.at(Duration.ofDays(366));
    assertRejected(engine.send(redrive(engine, "b")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution has exceeded the max execution time");
    engine.at(Duration.ofDays(365));
    assertThat(engine.send(redrive(engine, "c")).isRejected()).isFalse();
  }

  @Test
  void R6_anExecutionStartedBeforeTheLaunchOfRedriveIsNotRedrivable() {
    var engine = given(ONE_TASK);
    engine.now = RedriveEligibility.LAUNCH.minus(Duration.ofDays(1));
    failed(engine);

    assertRejected(engine.send(redrive(engine, "a")), ApiError.EXECUTION_NOT_REDRIVABLE,
        "Execution was started before the launch of RedriveExecution");
  }

  @Test
  void R7_anExecutionOfAStateMachineBeingDeletedIsNotRedrivable() {
    var deleting = new boolean[] {false};
    var engine = failed(given(ONE_TASK, new StepfoldDecider(ActivityDirectory.ANY, stateMachine -> deleting[0])));
    deleting[0] = true;

    assertRejected(engine.send(redrive(engine, "a")), ApiError.EXECUTION_NOT_REDRIVABLE, "State machine is in DELETING status");
    assertThat(RedriveStatus.of(engine.execution, engine.now, arn -> true).redriveStatusReason()).contains("State machine is in DELETING status");
  }

  @Test
  void R9_aRedriveOfAnExecutionThatDoesNotExistIsRefused() {
    var engine = given(ONE_TASK);

    assertRejected(engine.send(redrive(engine, "a")), ApiError.EXECUTION_DOES_NOT_EXIST,
        "Execution Does Not Exist: '" + engine.executionArn + "'");
  }

  @Test
  void R10_Q1_theRefusalsMessageIsTheRedriveStatusReason() {
    var engine = given(ONE_TASK);
    engine.start("{}");

    var refused = (Reply.Rejected) engine.send(redrive(engine, "a")).reply();

    assertThat(RedriveStatus.of(engine.execution, engine.now).redriveStatus()).isEqualTo(RedriveStatus.NOT_REDRIVABLE);
    assertThat(refused.message()).isEqualTo(RedriveStatus.of(engine.execution, engine.now).redriveStatusReason().orElseThrow());
  }

  @Test
  void R11_anAbortedExecutionReportsNoReasonWhileRedrivable() {
    var engine = given(ONE_TASK);
    engine.start("{}");
    engine.send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));

    var status = RedriveStatus.of(engine.execution, engine.now);

    assertThat(status.redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE);
    assertThat(status.redriveStatusReason()).isEmpty();
  }

  @Test
  void R16_aTokenThatWasRefusedRecordsNothingAndIsJudgedAfreshLater() {
    var engine = given(ONE_TASK);
    engine.start("{}");
    assertThat(engine.send(redrive(engine, "same")).isRejected()).isTrue();
    engine.failTask("Boom", "x");

    var later = engine.send(redrive(engine, "same"));

    assertThat(later.isRejected()).isFalse();
    assertThat(engine.execution.redrives().count()).isEqualTo(1);
  }

  @Test
  void R17_Q12_aTokenOlderThanFifteenMinutesIsAnOrdinaryRequest() {
    var engine = failed(given(ONE_TASK));
    engine.send(redrive(engine, "same"));

    engine.now = engine.now.plus(Redrives.TOKEN_WINDOW).plusMillis(1);

    assertRejected(engine.send(redrive(engine, "same")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution is RUNNING and cannot be redriven");
  }

  @Test
  void R15_onlyTheLastTenTokensAreRemembered() {
    var engine = failed(given(ONE_TASK));
    for (int i = 0; i < Redrives.TOKENS_KEPT + 1; i++) {
      engine.send(redrive(engine, "token-" + i));
      engine.failTask("Boom", "again " + i);
    }

    assertThat(engine.send(redrive(engine, "token-1")).events()).as("still remembered: the same answer").isEmpty();
    assertThat(engine.send(redrive(engine, "token-0")).events()).as("pushed out: a new redrive").isNotEmpty();
  }

  @Test
  void R3_Q11_eachCloseOpensANewFourteenDayWindow() {
    var engine = failed(given(ONE_TASK));
    engine.at(Duration.ofDays(10)).send(redrive(engine, "a"));
    engine.at(Duration.ofDays(12)).failTask("Boom", "again");

    engine.at(Duration.ofDays(12).plus(RedriveEligibility.REDRIVABLE_PERIOD));
    assertThat(engine.send(redrive(engine, "b")).isRejected()).as("14 days after the second close, to the millisecond").isFalse();
  }

  @Test
  void Q19_theChecksAreMadeInTheAdoptedOrder() {
    var deleting = new StepfoldDecider(ActivityDirectory.ANY, stateMachine -> true);
    var running = given(ONE_TASK, deleting);
    running.start("{}");
    assertRejected(running.send(redrive(running, "a")), ApiError.EXECUTION_NOT_REDRIVABLE, "Execution is RUNNING and cannot be redriven");

    var old = failed(given(ONE_TASK, deleting));
    old.now = old.now.plus(Duration.ofDays(400));
    assertRejected(old.send(redrive(old, "b")), ApiError.EXECUTION_NOT_REDRIVABLE, "State machine is in DELETING status");
    assertThat(RedriveEligibility.CHECK_ORDER).startsWith(RedriveEligibility.Check.EXPRESS_TYPE, RedriveEligibility.Check.STATUS,
        RedriveEligibility.Check.STATE_MACHINE_DELETING);
  }

  @Test
  void R18_nothingRedrivesAFailedExecutionByItself() {
    var engine = failed(given(ONE_TASK));

    assertThat(engine.last.timers()).allSatisfy(timer -> assertThat(timer).isInstanceOf(TimerChange.Cancel.class));
    assertThat(engine.last.mapRuns()).isEmpty();
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.execution.redrives().count()).isZero();
  }

  @Test
  void R60_Q5_whileRedrivenTheExecutionHasNoStopDateErrorOrOutput() {
    var engine = failed(given(ONE_TASK));
    var startDate = engine.execution.startDate();

    engine.at(Duration.ofHours(1)).send(redrive(engine, "a"));

    assertThat(engine.execution.stopDate()).isEmpty();
    assertThat(engine.execution.closeError()).isEmpty();
    assertThat(engine.execution.output()).isEmpty();
    assertThat(engine.execution.startDate()).isEqualTo(startDate);
    assertThat(engine.execution.redrives().lastDate()).contains(Instant.parse("2026-01-01T01:00:00Z"));
  }
}
