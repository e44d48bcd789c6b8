package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.StateTestResult.Status;
import dev.stepfold.error.ApiError;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * TestState through the engine: one state runs through the behaviors an execution runs, its mock standing for its
 * work. The cases are AWS's own TestState examples (the developer guide's, and its recorded answers at DEBUG level).
 */
class StateTestRunTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String LONE = "StateName";
  private final StepfoldDecider decider = new StepfoldDecider();

  private static StateTest lone(String state, String input) {
    return lone(state, input, Optional.empty(), StateTest.Configuration.NONE);
  }

  private static StateTest lone(String state, String input, Optional<StateTest.Mock> mock, StateTest.Configuration configuration) {
    var parsed = DefinitionParser.parseState(state, LONE, ExecutionType.STANDARD);
    return test(parsed, LONE, input, mock, configuration, Map.of(), Optional.empty());
  }

  private static StateTest test(ParsedDefinition parsed, String stateName, String input, Optional<StateTest.Mock> mock,
      StateTest.Configuration configuration, Map<String, JsonNode> variables, Optional<JsonNode> context) {
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      throw new AssertionError(invalid.message());
    }
    var stateMachine = ArnFormat.DEFAULT.stateMachine("TestStateMachine");
    return new StateTest(stateMachine.expressExecution("test-1", "0001"), stateMachine, "arn:aws:iam::111111111111:role/test",
        ((ParsedDefinition.Valid) parsed).definition(), stateName, json(input), variables, context, mock, configuration);
  }

  private static Optional<StateTest.Mock> result(String result) {
    return Optional.of(new StateTest.Mock.Result(json(result)));
  }

  private static Optional<StateTest.Mock> error(String error, String cause) {
    return Optional.of(new StateTest.Mock.Error(Optional.of(error), Optional.of(cause)));
  }

  private StateTestResult.Ran ran(StateTest test) {
    var result = decider.test(test, NOW);
    assertThat(result).isInstanceOf(StateTestResult.Ran.class);
    return (StateTestResult.Ran) result;
  }

  private StateTestResult.Rejected rejected(StateTest test) {
    var result = decider.test(test, NOW);
    assertThat(result).isInstanceOf(StateTestResult.Rejected.class);
    return (StateTestResult.Rejected) result;
  }

  @Test
  void shouldShowEveryStepOfAPassStatesInputAndOutputProcessing() {
    var ran = ran(lone("""
        {"Type": "Pass", "InputPath": "$.initialData", "ResultPath": "$.modifiedData",
         "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}, "End": true}""", """
        {"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234}}"""));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).isEmpty();
    var payloads = ran.inspection().payloads();
    assertThat(payloads.keySet()).containsExactly("input", "afterInputPath", "afterParameters", "afterResultSelector", "afterResultPath");
    assertThat(payloads.get("afterInputPath")).isEqualTo(json("{\"fieldFromInput\": \"value from input\", \"otherField\": \"other\"}"));
    assertThat(payloads.get("afterParameters")).isEqualTo(json("{\"staticValue\": \"some value\", \"inputValue\": \"value from input\"}"));
    assertThat(payloads.get("afterResultSelector")).isEqualTo(payloads.get("afterParameters"));
    assertThat(ran.output()).contains(json("""
        {"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234},
         "modifiedData": {"staticValue": "some value", "inputValue": "value from input"}}"""));
    assertThat(payloads.get("afterResultPath")).isEqualTo(ran.output().get());
  }

  @Test
  void shouldShowAPassStatesResultInPlaceOfItsInputProcessing() {
    var ran = ran(lone("""
        {"Type": "Pass", "Result": {"resultKey": "result value"}, "ResultPath": "$.modifiedData", "Next": "After"}""", """
        {"initialData": {"fieldFromInput": "value from input"}}"""));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).contains("After");
    assertThat(ran.inspection().payloads().keySet()).containsExactly("input", "result", "afterResultSelector", "afterResultPath");
    assertThat(ran.output()).contains(json("{\"initialData\": {\"fieldFromInput\": \"value from input\"}, \"modifiedData\": {\"resultKey\": \"result value\"}}"));
  }

  @Test
  void shouldNameTheStateAChoiceHandsOverTo() {
    var ran = ran(lone("""
        {"Type": "Choice", "Choices": [
          {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}],
         "Default": "DefaultState"}""", "{\"type\": \"Private\", \"value\": 22}"));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).contains("ValueInTwenties");
    assertThat(ran.output()).contains(json("{\"type\": \"Private\", \"value\": 22}"));
    assertThat(ran.inspection().payloads().keySet()).containsExactly("input", "afterInputPath");
  }

  @Test
  void shouldFailWithAFailStatesErrorAndCause() {
    var ran = ran(lone("{\"Type\": \"Fail\", \"Error\": \"SomeFailure\", \"Cause\": \"This state machines raises a 'SomeFailure' failure.\"}", "{}"));

    assertThat(ran.status()).isEqualTo(Status.FAILED);
    assertThat(ran.error()).contains("SomeFailure");
    assertThat(ran.cause()).contains("This state machines raises a 'SomeFailure' failure.");
    assertThat(ran.output()).isEmpty();
  }

  @Test
  void shouldRunATaskOnItsMockedResultThroughResultSelectorAndResultPath() {
    var ran = ran(lone("""
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Parameters": {"FunctionName": "GetOrder", "Payload.$": "$.order"},
         "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.priced", "Next": "Ship"}""", "{\"order\": {\"id\": 7}}",
        result("{\"StatusCode\": 200, \"Payload\": {\"total\": 42}}"), StateTest.Configuration.NONE));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).contains("Ship");
    var payloads = ran.inspection().payloads();
    assertThat(payloads.keySet()).containsExactly("input", "afterInputPath", "afterParameters", "result", "afterResultSelector", "afterResultPath");
    assertThat(payloads.get("afterParameters")).isEqualTo(json("{\"FunctionName\": \"GetOrder\", \"Payload\": {\"id\": 7}}"));
    assertThat(payloads.get("afterResultSelector")).isEqualTo(json("{\"total\": 42}"));
    assertThat(ran.output()).contains(json("{\"order\": {\"id\": 7}, \"priced\": {\"total\": 42}}"));
  }

  private static final String RETRIED_TASK = """
      {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
       "Arguments": {"FunctionName": "foo", "Payload": "bar"},
       "Retry": [{"ErrorEquals": ["MockException"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2.0}], "End": true}""";

  @Test
  void shouldBeRetriableWhileTheRetrierHasAttemptsLeftAndFailWhenItHasNone() {
    var fourMade = ran(lone(RETRIED_TASK, "{\"Values\": [\"first\"]}", error("MockException", "Mock the cause of the error."),
        new StateTest.Configuration(OptionalInt.of(4), Optional.empty(), OptionalInt.empty(), Optional.empty())));
    assertThat(fourMade.status()).isEqualTo(Status.RETRIABLE);
    assertThat(fourMade.error()).contains("MockException");
    assertThat(fourMade.cause()).contains("Mock the cause of the error.");
    assertThat(fourMade.inspection().retryIndex()).hasValue(0);
    assertThat(fourMade.inspection().retryBackoffIntervalSeconds()).hasValue(16);
    assertThat(fourMade.inspection().payloads().get("afterArguments")).isEqualTo(json("{\"FunctionName\": \"foo\", \"Payload\": \"bar\"}"));

    var fiveMade = ran(lone(RETRIED_TASK, "{}", error("MockException", "Mock the cause of the error."),
        new StateTest.Configuration(OptionalInt.of(5), Optional.empty(), OptionalInt.empty(), Optional.empty())));
    assertThat(fiveMade.status()).isEqualTo(Status.FAILED);
    assertThat(fiveMade.error()).contains("MockException");
    assertThat(fiveMade.inspection().retryIndex()).hasValue(0);
    assertThat(fiveMade.inspection().retryBackoffIntervalSeconds()).isEmpty();
  }

  @Test
  void shouldHandOverToTheCatcherWithTheErrorOutputAtItsResultPath() {
    var ran = ran(lone("""
        {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q", "MessageBody": "m"},
         "Catch": [{"ErrorEquals": ["Other"], "Next": "Never"}, {"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "HandleFailure"}],
         "Next": "Done"}""", "{\"order\": 1}", error("SQS.QueueDoesNotExist", "no such queue"), StateTest.Configuration.NONE));

    assertThat(ran.status()).isEqualTo(Status.CAUGHT_ERROR);
    assertThat(ran.nextState()).contains("HandleFailure");
    assertThat(ran.error()).contains("SQS.QueueDoesNotExist");
    assertThat(ran.inspection().catchIndex()).hasValue(1);
    assertThat(ran.output()).contains(json("{\"order\": 1, \"failure\": {\"Error\": \"SQS.QueueDoesNotExist\", \"Cause\": \"no such queue\"}}"));
  }

  @Test
  void shouldFailAMapWhoseFailedIterationsExceedItsToleranceIntoItsCatcher() {
    var map = """
        {"Type": "Map", "ItemsPath": "$.Values", "ToleratedFailureCount": 1,
         "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}},
         "Catch": [{"ErrorEquals": ["Other"], "Next": "Never"}, {"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Next": "HandleThreshold"}],
         "End": true}""";
    var input = "{\"Values\": [\"first\", \"second\", \"third\"]}";

    var below = ran(lone(map, input, result("[1, 1, 1]"),
        new StateTest.Configuration(OptionalInt.empty(), Optional.empty(), OptionalInt.of(0), Optional.empty())));
    assertThat(below.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(below.output()).contains(json("[1, 1, 1]"));
    assertThat(below.inspection().maxConcurrency()).hasValue(0);
    assertThat(below.inspection().toleratedFailureCount()).hasValue(1);
    assertThat(below.inspection().payloads().get("afterItemsPath")).isEqualTo(json("[\"first\", \"second\", \"third\"]"));

    var exceeds = ran(lone(map, input, result("[0, 0, 1]"),
        new StateTest.Configuration(OptionalInt.empty(), Optional.empty(), OptionalInt.of(2), Optional.empty())));
    assertThat(exceeds.status()).isEqualTo(Status.CAUGHT_ERROR);
    assertThat(exceeds.error()).contains("States.ExceedToleratedFailureThreshold");
    assertThat(exceeds.cause()).contains("The specified tolerated failure threshold was exceeded");
    assertThat(exceeds.nextState()).contains("HandleThreshold");
    assertThat(exceeds.inspection().catchIndex()).hasValue(1);
    assertThat(exceeds.output()).contains(json("""
        {"Error": "States.ExceedToleratedFailureThreshold", "Cause": "The specified tolerated failure threshold was exceeded"}"""));
  }

  @Test
  void shouldTakeAParallelsMockedResultAsItsBranchesResults() {
    var parallel = """
        {"Type": "Parallel", "ResultSelector": {"first.$": "$[0]"}, "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}""";
    var ran = ran(lone(parallel, "{}", result("[\"a\", \"b\"]"), StateTest.Configuration.NONE));
    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.output()).contains(json("{\"first\": \"a\"}"));

    var mismatch = rejected(lone(parallel, "{}", result("[\"a\"]"), StateTest.Configuration.NONE));
    assertThat(mismatch.error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(mismatch.message()).isEqualTo("Mocked result must contain the same number of items as number of Parallel branches.");
  }

  @Test
  void shouldRefuseWhatTestStateDoesNotRunAsAwsDoes() {
    var pass = rejected(lone("{\"Type\": \"Pass\", \"End\": true}", "{}", result("{}"), StateTest.Configuration.NONE));
    assertThat(pass.message()).isEqualTo("State type 'Pass' is not supported when a mock is specified");

    var map = rejected(lone("""
        {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""", "[]"));
    assertThat(map.error()).isEqualTo(ApiError.INVALID_DEFINITION);
    assertThat(map.message()).isEqualTo(StateTestRun.NO_MAP_OR_PARALLEL);

    var notAnArray = rejected(lone("""
        {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""", "[]",
        result("{}"), StateTest.Configuration.NONE));
    assertThat(notAnArray.message()).isEqualTo("Mocked result must be an array.");

    var unmockedTask = rejected(lone("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}", "{}"));
    assertThat(unmockedTask.error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(unmockedTask.message()).contains("does not call services");
  }

  @Test
  void shouldLetTheStateSeeTheTestsVariablesAndShowThoseItAssigns() {
    var state = """
        {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Arguments": {"FunctionName": "price", "Payload": {"sku": "{% $sku %}"}},
         "Assign": {"price": "{% $states.result.Payload.price %}"}, "Output": "{% $states.result.Payload %}", "Next": "Charge"}""";
    var parsed = DefinitionParser.parseState(state, LONE, ExecutionType.STANDARD);
    var ran = ran(test(parsed, LONE, "{}", result("{\"Payload\": {\"price\": 9.5}}"), StateTest.Configuration.NONE,
        Map.of("sku", json("\"A-1\"")), Optional.empty()));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.inspection().payloads().get("afterArguments")).isEqualTo(json("{\"FunctionName\": \"price\", \"Payload\": {\"sku\": \"A-1\"}}"));
    assertThat(ran.inspection().payloads().get("variables")).isEqualTo(json("{\"sku\": \"A-1\", \"price\": 9.5}"));
    assertThat(ran.output()).contains(json("{\"price\": 9.5}"));
  }

  @Test
  void shouldLayTheTestsContextOverTheContextObject() {
    var state = """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Parameters": {"FunctionName": "f", "Payload": {"Execution.$": "$$.Execution.Id", "Input.$": "$$.Execution.Input", "State.$": "$$.State.Name"}},
         "ResultPath": null, "OutputPath": "$", "End": true}""";
    var parsed = DefinitionParser.parseState(state, LONE, ExecutionType.STANDARD);
    var context = json("{\"Execution\": {\"Id\": \"arn:aws:states:us-east-1:111111111111:execution:MyStateMachine:execution-name-12345\","
        + " \"Input\": {\"message\": \"test data\"}}}");
    var ran = ran(test(parsed, LONE, "{\"a\": 1}", result("{}"), StateTest.Configuration.NONE, Map.of(), Optional.of(context)));

    assertThat(ran.inspection().payloads().get("afterParameters")).isEqualTo(json("""
        {"FunctionName": "f", "Payload": {"Execution": "arn:aws:states:us-east-1:111111111111:execution:MyStateMachine:execution-name-12345",
         "Input": {"message": "test data"}, "State": "StateName"}}"""));

    var taskInContext = rejected(test(parsed, LONE, "{}", result("{}"), StateTest.Configuration.NONE, Map.of(),
        Optional.of(json("{\"Task\": {\"Token\": \"abc\"}}"))));
    assertThat(taskInContext.message()).isEqualTo("Invalid Context object provided: Context object contains 'Task' when state is not a Task"
        + " state with a '.sync' or '.waitForTaskToken' service integration pattern");
    var map = rejected(test(parsed, LONE, "{}", result("{}"), StateTest.Configuration.NONE, Map.of(), Optional.of(json("{\"Map\": {}}"))));
    assertThat(map.message()).isEqualTo("Invalid Context object provided: 'Map' field is not supported when mocking a Context object");
  }

  @Test
  void shouldHandAWaitOverWithoutWaiting() {
    var ran = ran(lone("{\"Type\": \"Wait\", \"Seconds\": 3600, \"Next\": \"Later\"}", "{\"x\": 1}"));
    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).contains("Later");
    assertThat(ran.output()).contains(json("{\"x\": 1}"));
  }

  @Test
  void shouldTestOneStateOfAWholeStateMachine() {
    var parsed = DefinitionParser.parse("""
        {"StartAt": "First", "States": {
          "First": {"Type": "Pass", "Result": 1, "Next": "Second"},
          "Second": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "Next": "Third"},
          "Third": {"Type": "Succeed"}}}""", ExecutionType.STANDARD);
    var ran = ran(test(parsed, "Second", "{\"n\": 21}", Optional.empty(), StateTest.Configuration.NONE, Map.of(), Optional.empty()));

    assertThat(ran.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(ran.nextState()).contains("Third");
    assertThat(ran.output()).contains(json("{\"doubled\": 42}"));
  }

  @Test
  void shouldFailWithTheRuntimeErrorOfAPathThatFindsNothing() {
    var ran = ran(lone("{\"Type\": \"Pass\", \"InputPath\": \"$.missing\", \"End\": true}", "{}"));
    assertThat(ran.status()).isEqualTo(Status.FAILED);
    assertThat(ran.error()).contains("States.Runtime");
    assertThat(ran.cause()).isPresent();
  }
}
