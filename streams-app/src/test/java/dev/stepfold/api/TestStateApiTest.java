package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.MockResponseValidationMode;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * TestState through the AWS SDK for Java v2: the state runs in the API's process through the engine, answered with its
 * status, next state, output and, at DEBUG and TRACE, its inspection data. The cases follow AWS's own TestState
 * examples; the client keeps the {@code sync-} host prefix off, as a user of a local endpoint does.
 */
@Timeout(300)
class TestStateApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String IO_PASS = """
      {"Type": "Pass", "InputPath": "$.initialData", "ResultPath": "$.modifiedData",
       "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}, "Next": "NextState"}""";
  private static final String IO_INPUT = """
      {"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234}}""";
  private static final String LAMBDA = """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
       "Parameters": {"FunctionName": "GetOrder", "Payload.$": "$"}, "ResultSelector": {"order.$": "$.Payload"},
       "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0}],
       "Catch": [{"ErrorEquals": ["Order.Missing"], "ResultPath": "$.error", "Next": "NoSuchOrder"}], "Next": "Ship"}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of());
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.syncClient();
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void shouldAnswerOnlyTheOutcomeAtInfoLevel() throws Exception {
    var result = sfn.testState(r -> r.definition(IO_PASS).roleArn(ROLE).input(IO_INPUT));

    assertThat(result.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(result.nextState()).isEqualTo("NextState");
    assertThat(json(result.output())).isEqualTo(json("""
        {"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234},
         "modifiedData": {"staticValue": "some value", "inputValue": "value from input"}}"""));
    assertThat(result.inspectionData()).isNull();
  }

  @Test
  void shouldShowEachStepOfTheDataFlowAtDebugLevel() throws Exception {
    var result = sfn.testState(r -> r.definition(IO_PASS).input(IO_INPUT).inspectionLevel(InspectionLevel.DEBUG));

    var data = result.inspectionData();
    assertThat(json(data.input())).isEqualTo(json(IO_INPUT));
    assertThat(json(data.afterInputPath())).isEqualTo(json("{\"fieldFromInput\": \"value from input\", \"otherField\": \"other\"}"));
    assertThat(json(data.afterParameters())).isEqualTo(json("{\"staticValue\": \"some value\", \"inputValue\": \"value from input\"}"));
    assertThat(json(data.afterResultSelector())).isEqualTo(json(data.afterParameters()));
    assertThat(json(data.afterResultPath())).isEqualTo(json(result.output()));
    assertThat(data.result()).isNull();
  }

  @Test
  void shouldRunATaskOnItsMockedResult() throws Exception {
    var result = sfn.testState(r -> r.definition(LAMBDA).input("{\"id\": 7}").inspectionLevel(InspectionLevel.DEBUG)
        .mock(m -> m.result("{\"StatusCode\": 200, \"Payload\": {\"id\": 7, \"total\": 42}}")));

    assertThat(result.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(result.nextState()).isEqualTo("Ship");
    assertThat(json(result.output())).isEqualTo(json("{\"order\": {\"id\": 7, \"total\": 42}}"));
    assertThat(json(result.inspectionData().afterParameters())).isEqualTo(json("{\"FunctionName\": \"GetOrder\", \"Payload\": {\"id\": 7}}"));
    assertThat(json(result.inspectionData().result())).isEqualTo(json("{\"StatusCode\": 200, \"Payload\": {\"id\": 7, \"total\": 42}}"));
  }

  @Test
  void shouldSayAMockedErrorIsRetriableWhileTheRetrierHasAttemptsLeft() {
    var retriable = sfn.testState(r -> r.definition(LAMBDA).input("{}").inspectionLevel(InspectionLevel.DEBUG)
        .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
        .stateConfiguration(c -> c.retrierRetryCount(2)));
    assertThat(retriable.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(retriable.error()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(retriable.cause()).isEqualTo("slow down");
    assertThat(retriable.inspectionData().errorDetails().retryIndex()).isZero();
    assertThat(retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(8);

    var exhausted = sfn.testState(r -> r.definition(LAMBDA).input("{}")
        .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
        .stateConfiguration(c -> c.retrierRetryCount(3)));
    assertThat(exhausted.status()).isEqualTo(TestExecutionStatus.FAILED);
    assertThat(exhausted.error()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(exhausted.nextState()).isNull();
  }

  @Test
  void shouldHandAMockedErrorToTheCatcher() throws Exception {
    var caught = sfn.testState(r -> r.definition(LAMBDA).input("{\"id\": 9}").inspectionLevel(InspectionLevel.TRACE)
        .mock(m -> m.errorOutput(e -> e.error("Order.Missing").cause("no order 9"))));

    assertThat(caught.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(caught.nextState()).isEqualTo("NoSuchOrder");
    assertThat(caught.error()).isEqualTo("Order.Missing");
    assertThat(json(caught.output())).isEqualTo(json("{\"id\": 9, \"error\": {\"Error\": \"Order.Missing\", \"Cause\": \"no order 9\"}}"));
    assertThat(caught.inspectionData().errorDetails().catchIndex()).isZero();
  }

  @Test
  void shouldTakeAMapsMockedResultAndJudgeItsToleratedFailures() throws Exception {
    var map = """
        {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrency": 2, "ToleratedFailurePercentage": 50,
         "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "End": true}}},
         "ResultPath": "$.results", "End": true}""";
    var fine = sfn.testState(r -> r.definition(map).input("{\"Values\": [1, 2, 3, 4]}").inspectionLevel(InspectionLevel.DEBUG)
        .mock(m -> m.result("[2, 4, 6, 8]")).stateConfiguration(c -> c.mapIterationFailureCount(2)));
    assertThat(fine.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(json(fine.output())).isEqualTo(json("{\"Values\": [1, 2, 3, 4], \"results\": [2, 4, 6, 8]}"));
    assertThat(fine.inspectionData().maxConcurrency()).isEqualTo(2);
    assertThat(fine.inspectionData().toleratedFailurePercentage()).isEqualTo(50f);
    assertThat(json(fine.inspectionData().afterItemsPath())).isEqualTo(json("[1, 2, 3, 4]"));

    var tooMany = sfn.testState(r -> r.definition(map).input("{\"Values\": [1, 2, 3, 4]}")
        .mock(m -> m.result("[2, 4, 6, 8]")).stateConfiguration(c -> c.mapIterationFailureCount(3)));
    assertThat(tooMany.status()).isEqualTo(TestExecutionStatus.FAILED);
    assertThat(tooMany.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
  }

  @Test
  void shouldTestOneStateOfAWholeStateMachineWithTheGivenVariablesAndContext() throws Exception {
    var definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Start", "States": {
          "Start": {"Type": "Pass", "Next": "Price"},
          "Price": {"Type": "Pass", "Output": {"total": "{% $quantity * $states.input.unitPrice %}", "run": "{% $states.context.Execution.Name %}"},
                    "Assign": {"priced": true}, "Next": "Done"},
          "Done": {"Type": "Succeed"}}}""";
    var result = sfn.testState(r -> r.definition(definition).stateName("Price").input("{\"unitPrice\": 5}").variables("{\"quantity\": 3}")
        .context("{\"Execution\": {\"Name\": \"nightly\"}}").inspectionLevel(InspectionLevel.DEBUG));

    assertThat(result.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(result.nextState()).isEqualTo("Done");
    assertThat(json(result.output())).isEqualTo(json("{\"total\": 15, \"run\": \"nightly\"}"));
    assertThat(json(result.inspectionData().variables())).isEqualTo(json("{\"quantity\": 3, \"priced\": true}"));
  }

  @Test
  void shouldShowTheRequestAndTheMockedResponseOfAnHttpTaskAtTraceLevel() {
    var http = """
        {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "End": true,
         "Parameters": {"ApiEndpoint": "https://api.example.com/orders", "Method": "POST",
                        "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/orders/1"},
                        "QueryParameters": {"dry": "true"}, "Headers": {"Content-Type": "application/json"}, "RequestBody.$": "$"}}""";
    var result = sfn.testState(r -> r.definition(http).input("{\"sku\": \"A-1\"}").inspectionLevel(InspectionLevel.TRACE)
        .mock(m -> m.result("{\"StatusCode\": 201, \"StatusText\": \"Created\", \"Headers\": {\"Location\": \"/orders/1\"}, \"ResponseBody\": {\"id\": 1}}")));

    assertThat(result.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    var request = result.inspectionData().request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.url()).isEqualTo("https://api.example.com/orders?dry=true");
    assertThat(request.headers()).isEqualTo("Content-Type: application/json");
    assertThat(request.body()).isEqualTo("{\"sku\":\"A-1\"}");
    var response = result.inspectionData().response();
    assertThat(response.statusCode()).isEqualTo("201");
    assertThat(response.statusMessage()).isEqualTo("Created");
    assertThat(response.body()).isEqualTo("{\"id\":1}");

    var debug = sfn.testState(r -> r.definition(http).input("{}").inspectionLevel(InspectionLevel.DEBUG).mock(m -> m.result("{\"StatusCode\": 200}")));
    assertThat(debug.inspectionData().request()).as("only TRACE shows the HTTP exchange").isNull();
  }

  @Test
  void shouldRefuseWhatTestStateDoesNotRunWithAwsErrors() {
    var pass = assertAwsError(() -> sfn.testState(r -> r.definition(IO_PASS).input("{}").mock(m -> m.result("{}"))), ValidationException.class,
        "ValidationException");
    assertThat(pass.awsErrorDetails().errorMessage()).isEqualTo("State type 'Pass' is not supported when a mock is specified");
    var map = assertAwsError(() -> sfn.testState(r -> r.definition("""
        {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""").input("[]")),
        InvalidDefinitionException.class, "InvalidDefinition");
    assertThat(map.awsErrorDetails().errorMessage()).startsWith("TestState API does not support Map or Parallel states.");
    var both = assertAwsError(() -> sfn.testState(r -> r.definition(LAMBDA).mock(m -> m.result("{}").errorOutput(e -> e.error("E")))),
        ValidationException.class, "ValidationException");
    assertThat(both.awsErrorDetails().errorMessage()).isEqualTo("A test mock should have only one of the following fields: [result, errorOutput].");
    var secrets = assertAwsError(() -> sfn.testState(r -> r.definition(LAMBDA).revealSecrets(true).mock(m -> m.result("{}"))),
        ValidationException.class, "ValidationException");
    assertThat(secrets.awsErrorDetails().errorMessage()).isEqualTo("TestState does not support RevealSecrets when a mock is specified.");
    var typed = assertAwsError(() -> sfn.testState(r -> r.definition(LAMBDA).mock(m -> m.result("{\"StatusCode\": \"200\"}"))),
        ValidationException.class, "ValidationException");
    assertThat(typed.awsErrorDetails().errorMessage()).isEqualTo("Mock result schema validation error: Field 'StatusCode' must be a number");
    var unchecked = sfn.testState(r -> r.definition(LAMBDA).input("{}")
        .mock(m -> m.result("{\"StatusCode\": \"200\", \"Payload\": 1}").fieldValidationMode(MockResponseValidationMode.NONE)));
    assertThat(unchecked.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    var unmocked = assertAwsError(() -> sfn.testState(r -> r.definition(LAMBDA).input("{}")), ValidationException.class, "ValidationException");
    assertThat(unmocked.awsErrorDetails().errorMessage()).contains("does not call services");
    assertAwsError(() -> sfn.testState(r -> r.definition("{\"Type\": \"Pass\", \"Next\": 3}")), InvalidDefinitionException.class, "InvalidDefinition");
    assertAwsError(() -> sfn.testState(r -> r.definition(IO_PASS).input("{not json")), InvalidExecutionInputException.class, "InvalidExecutionInput");
  }
}
