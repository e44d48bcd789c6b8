package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepfoldDeciderTest {
  private static final String PASS_CHAIN = """
      {"StartAt": "First", "States": {
        "First": {"Type": "Pass", "Result": {"step": 1}, "ResultPath": "$.first", "Next": "Second"},
        "Second": {"Type": "Pass", "End": true}}}""";

  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
          "ResultSelector": {"charged.$": "$.Payload"}, "ResultPath": "$.charge",
          "Retry": [{"ErrorEquals": ["Card.Declined"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 3}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Declined"}],
          "Next": "Done"},
        "Declined": {"Type": "Fail", "Error": "Declined", "Cause": "the card was declined"},
        "Done": {"Type": "Succeed"}}}""";

  @Test
  void shouldRunASynchronousChainInOneDecision() {
    var engine = given(PASS_CHAIN);

    var decision = engine.start("{\"orderId\": \"o-1\"}");

    assertThat(engine.sequence()).containsExactly(
        "1<-0 ExecutionStarted", "2<-0 PassStateEntered", "3<-2 PassStateExited", "4<-3 PassStateEntered",
        "5<-4 PassStateExited", "6<-5 ExecutionSucceeded");
    assertThat(decision.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(decision.execution().output()).contains(json("{\"orderId\": \"o-1\", \"first\": {\"step\": 1}}"));
    assertThat(decision.reply()).isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldRecordTheVersionAndAliasAStartNamedOnExecutionStarted() {
    var engine = given(PASS_CHAIN);
    var version = engine.stateMachineArn + ":3";
    var alias = engine.stateMachineArn + ":live";

    engine.send(new Command.StartExecution("req-alias", engine.executionArn, engine.stateMachineArn, dev.stepfold.asl.ExecutionType.STANDARD,
        engine.definition, "{}", "arn:aws:iam::111111111111:role/stepfold", Optional.of(version), Optional.of(alias), Optional.empty()));

    var started = engine.execution.started().orElseThrow();
    assertThat(started.stateMachineVersionArn()).contains(version);
    assertThat(started.stateMachineAliasArn()).contains(alias);
    assertThat(started.stateMachineArn()).isEqualTo(engine.stateMachineArn);
    var summary = ExecutionSummary.of(engine.execution);
    assertThat(summary.stateMachineVersionArn()).contains(version);
    assertThat(summary.stateMachineAliasArn()).contains(alias);
  }

  @Test
  void shouldScheduleATaskAndFinishWhenItSucceeds() {
    var engine = given(CHARGE);
    engine.start("{\"amount\": 42}");

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 TaskStateEntered", "3<-2 TaskScheduled", "4<-3 TaskStarted");
    var task = engine.lastTask();
    assertThat(task.resource().resourceType()).isEqualTo("lambda");
    assertThat(task.resource().resourceName()).isEqualTo("invoke");
    assertThat(task.payload()).isEqualTo(json("{\"FunctionName\": \"charge\", \"Payload\": {\"amount\": 42}}"));
    assertThat(task.taskToken().executionArn()).contains(engine.executionArn);

    engine.at(Duration.ofSeconds(1)).succeedTask("{\"Payload\": {\"id\": \"ch-1\"}, \"StatusCode\": 200}");

    assertThat(engine.sequence()).endsWith(
        "5<-4 TaskSucceeded", "6<-5 TaskStateExited", "7<-6 SucceedStateEntered", "8<-7 SucceedStateExited", "9<-8 ExecutionSucceeded");
    assertThat(engine.execution.output()).contains(json("{\"amount\": 42, \"charge\": {\"charged\": {\"id\": \"ch-1\"}}}"));
  }

  @Test
  void shouldRetryWithBackoffAndThenCatch() {
    var engine = given(CHARGE);
    engine.start("{\"amount\": 42}");

    engine.at(Duration.ofSeconds(1)).failTask("Card.Declined", "insufficient funds");
    assertThat(engine.lastTimerSet().due()).isEqualTo(EngineTestKit.T0.plusSeconds(1 + 2));
    engine.fireLastTimer();
    assertThat(engine.execution.root().active().orElseThrow().retryCount()).isEqualTo(1);

    engine.failTask("Card.Declined", "insufficient funds");
    assertThat(engine.lastTimerSet().due()).isEqualTo(engine.now.plusSeconds(2 * 3));
    engine.fireLastTimer();
    engine.failTask("Card.Declined", "still insufficient");

    assertThat(engine.sequence()).containsExactly(
        "1<-0 ExecutionStarted", "2<-0 TaskStateEntered", "3<-2 TaskScheduled", "4<-3 TaskStarted", "5<-4 TaskFailed",
        "6<-5 TaskScheduled", "7<-6 TaskStarted", "8<-7 TaskFailed", "9<-8 TaskScheduled", "10<-9 TaskStarted",
        "11<-10 TaskFailed", "12<-11 TaskStateExited", "13<-12 FailStateEntered", "14<-13 ExecutionFailed");
    assertThat(engine.history.get(11).details(EventDetails.StateExited.class).output()).isEqualTo(json(
        "{\"amount\": 42, \"error\": {\"Error\": \"Card.Declined\", \"Cause\": \"still insufficient\"}}"));
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(engine.execution.error()).contains("Declined");
  }

  @Test
  void shouldCountTheRetriesInTheContextOfEachAttempt() {
    var engine = given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload": {"retryCount.$": "$$.State.RetryCount"}},
          "ResultSelector": {"finalRetryCount.$": "$$.State.RetryCount"},
          "Retry": [{"ErrorEquals": ["Card.Declined"], "IntervalSeconds": 2, "MaxAttempts": 3},
                    {"ErrorEquals": ["Network.Down"], "IntervalSeconds": 1, "MaxAttempts": 3}],
          "End": true}}}""");
    engine.start("{}");
    assertThat(engine.lastTask().payload().path("Payload")).isEqualTo(json("{\"retryCount\": 0}"));

    engine.failTask("Card.Declined", "insufficient funds");
    engine.fireLastTimer();
    assertThat(engine.lastTask().payload().path("Payload")).as("after a back-off").isEqualTo(json("{\"retryCount\": 1}"));

    engine.failTask("Network.Down", "no route");
    engine.fireLastTimer();
    assertThat(engine.lastTask().payload().path("Payload")).as("by another retrier").isEqualTo(json("{\"retryCount\": 2}"));

    engine.succeedTask("{}");
    assertThat(engine.execution.output()).contains(json("{\"finalRetryCount\": 2}"));
  }

  @Test
  void shouldCountTheRetriesOfAParallelInTheContextOfItsAttempt() {
    var engine = given("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
          "Parameters": {"retryCount.$": "$$.State.RetryCount"},
          "Retry": [{"ErrorEquals": ["Card.Declined"], "IntervalSeconds": 1, "MaxAttempts": 1}],
          "Branches": [{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "End": true}}}]}}}""");
    engine.start("{}");
    assertThat(engine.lastTask().payload().path("Payload")).isEqualTo(json("{\"retryCount\": 0}"));

    engine.failTask("Card.Declined", "insufficient funds");
    engine.fireLastTimer();

    assertThat(engine.lastTask().payload().path("Payload")).isEqualTo(json("{\"retryCount\": 1}"));
  }

  @Test
  void shouldReadAndWriteBracketNamesWithEscapedQuotesAndBackslashesInEveryPath() {
    var engine = given("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "InputPath": "$[\\"a\\\\\\"b\\\\\\\\c\\"]", "ItemsPath": "$['it\\\\'s']",
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true,
            "Parameters": {"v.$": "$[\\"x'y\\"]", "w.$": "States.Format('{}', $['x\\\\'y'])"}}}},
          "ResultPath": "$[\\"r\\\\\\"s\\"]", "OutputPath": "$['r\\\\\\"s']"}}}""");

    engine.start("""
        {"a\\"b\\\\c": {"it's": [{"x'y": 1}, {"x'y": 2}]}}""");

    assertThat(engine.execution.output()).contains(json("[{\"v\": 1, \"w\": \"1\"}, {\"v\": 2, \"w\": \"2\"}]"));
  }

  @Test
  void shouldTimeOutATaskWhenItsTimerFires() {
    var engine = given("""
        {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "TimeoutSeconds": 5, "End": true}}}""");
    engine.start("{}");
    var task = engine.lastTask();
    assertThat(task.payload().path("MessageBody").path("token").asText()).isEqualTo(task.taskToken().value());

    engine.fireLastTimer();

    assertThat(engine.sequence()).endsWith("5<-4 TaskTimedOut", "6<-5 ExecutionFailed");
    assertThat(engine.execution.error()).contains("States.Timeout");
    assertThat(engine.now).isEqualTo(EngineTestKit.T0.plusSeconds(5));
  }

  @Test
  void shouldIgnoreATimerWhoseTaskIsAlreadyAnswered() {
    var engine = given("""
        {"StartAt": "Quick", "States": {"Quick": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "TimeoutSeconds": 5, "End": true}}}""");
    engine.start("{}");
    var timeout = engine.lastTimerSet();
    engine.succeedTask("{}");
    var eventsBefore = engine.history.size();

    engine.at(Duration.ofSeconds(5)).fire(timeout.timerId());

    assertThat(engine.history).hasSize(eventsBefore);
    assertThat(engine.last.reply()).isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldWaitForItsTimerThenGoOn() {
    var engine = given("""
        {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 30, "Next": "After"},
          "After": {"Type": "Pass", "End": true}}}""");
    engine.start("{\"a\": 1}");
    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 WaitStateEntered");
    assertThat(engine.lastTimerSet().due()).isEqualTo(EngineTestKit.T0.plusSeconds(30));

    engine.fireLastTimer();

    assertThat(engine.sequence()).endsWith("3<-2 WaitStateExited", "4<-3 PassStateEntered", "5<-4 PassStateExited", "6<-5 ExecutionSucceeded");
  }

  @Test
  void shouldTimeOutTheExecutionAfterItsTimeoutSeconds() {
    var engine = given("""
        {"TimeoutSeconds": 5, "StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 60, "End": true}}}""");
    engine.start("{}");

    engine.at(Duration.ofSeconds(5)).fire(Timers.EXECUTION_TIMEOUT);

    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(engine.sequence()).endsWith("3<-2 ExecutionTimedOut");
  }

  @Test
  void shouldAbortARunningExecutionWhenStopped() {
    var engine = given("""
        {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 60, "End": true}}}""");
    engine.start("{}");

    engine.send(new Command.StopExecution("stop-1", engine.executionArn, Optional.of("Operator"), Optional.of("no longer needed")));

    assertThat(engine.sequence()).endsWith("3<-0 ExecutionAborted");
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(engine.execution.cause()).contains("no longer needed");
  }

  @Test
  void shouldFailTheExecutionOnStatesRuntimeEvenWhenTheStateCatchesIt() {
    var engine = given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "OutputPath": "$.missing", "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""");
    engine.start("{}");

    engine.succeedTask("{\"Payload\": 1}");

    assertThat(engine.sequence()).endsWith("5<-4 TaskSucceeded", "6<-5 ExecutionFailed");
    assertThat(engine.execution.error()).contains("States.Runtime");
    assertThat(engine.execution.cause().orElseThrow())
        .startsWith("An error occurred while executing the state 'Charge' (entered at the event id #2). ");
  }

  @Test
  void shouldFailWithDataLimitExceededWhenAStateOutputIsTooLarge() {
    var engine = given("""
        {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Parameters": {"copy.$": "$.text", "again.$": "$.text"}, "End": true}}}""");

    engine.start("{\"text\": \"" + "x".repeat(140_000) + "\"}");

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 PassStateEntered", "3<-2 ExecutionFailed");
    assertThat(engine.execution.error()).contains("States.DataLimitExceeded");
  }

  @Test
  void shouldRejectInputThatIsNotJson() {
    var engine = given(PASS_CHAIN);

    var decision = engine.start("{not json");

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.INVALID_EXECUTION_INPUT));
    assertThat(engine.history).isEmpty();
  }

  @Test
  void shouldRejectASecondStartWithOtherInput() {
    var engine = given(PASS_CHAIN);
    engine.start("{}");

    var decision = engine.start("{\"other\": true}");

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.EXECUTION_ALREADY_EXISTS));
  }

  @Test
  void shouldRejectATokenOfAnotherExecution() {
    var engine = given(CHARGE);
    engine.start("{}");
    var foreign = TaskToken.of(engine.stateMachineArn.execution("someone-else"), 3);

    var decision = engine.send(new Command.SendTaskSuccess("r", engine.executionArn, foreign, "{}"));

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.INVALID_TOKEN));
  }

  @Test
  void shouldRejectCommandsForAnExecutionThatDoesNotExist() {
    var engine = given(PASS_CHAIN);

    var decision = engine.send(new Command.StopExecution("r", engine.executionArn, Optional.empty(), Optional.empty()));

    assertThat(decision.reply()).isInstanceOfSatisfying(Reply.Rejected.class,
        rejected -> assertThat(rejected.error()).isEqualTo(ApiError.EXECUTION_DOES_NOT_EXIST));
  }
}
