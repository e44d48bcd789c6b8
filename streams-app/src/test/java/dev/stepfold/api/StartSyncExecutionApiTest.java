package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * StartSyncExecution through the AWS SDK for Java v2: the call returns when the EXPRESS execution closes, with HTTP 200
 * whether it succeeded, failed or timed out. The client keeps the SDK's {@code sync-} host prefix off (the way a user
 * points it at a local endpoint); the server answers whatever the host.
 */
@Timeout(300)
class StartSyncExecutionApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String GREET = """
      {"StartAt": "Greet", "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}""";
  private static final String REFUSE = """
      {"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Order.Refused", "Cause": "out of stock"}}}""";
  private static final String WORK = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "work", "Payload.$": "$"}, "ResultSelector": {"done.$": "$.Payload"}, "End": true}}}""";
  private static final String SLOW = """
      {"StartAt": "Nap", "TimeoutSeconds": 1, "States": {"Nap": {"Type": "Wait", "Seconds": 30, "End": true}}}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static TaskTopic tasks;
  static String greet;

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of());
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.syncClient();
    tasks = new TaskTopic(api.runtime());
    greet = express("greet", GREET);
  }

  @AfterAll
  static void stop() {
    if (tasks != null) {
      tasks.close();
    }
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private static String express(String name, String definition) {
    return sfn.createStateMachine(r -> r.name(name).roleArn(ROLE).definition(definition).type(StateMachineType.EXPRESS)).stateMachineArn();
  }

  @Test
  void shouldAnswerWithTheOutputOfAnExpressExecutionThatSucceeded() throws Exception {
    var result = sfn.startSyncExecution(r -> r.stateMachineArn(greet).name("hello-ada").input("{\"who\": \"Ada\"}"));

    assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(result.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:greet:hello-ada:");
    assertThat(result.stateMachineArn()).isEqualTo(greet);
    assertThat(result.name()).isEqualTo("hello-ada");
    assertThat(MAPPER.readTree(result.output())).isEqualTo(MAPPER.readTree("{\"greeting\": \"hello Ada\"}"));
    assertThat(MAPPER.readTree(result.input())).isEqualTo(MAPPER.readTree("{\"who\": \"Ada\"}"));
    assertThat(result.inputDetails().included()).isTrue();
    assertThat(result.outputDetails().included()).isTrue();
    assertThat(result.error()).isNull();
    assertThat(result.stopDate()).isAfterOrEqualTo(result.startDate());
    assertThat(result.billingDetails().billedMemoryUsedInMB()).isEqualTo(64);
    assertThat(result.billingDetails().billedDurationInMilliseconds()).isPositive().matches(ms -> ms % 100 == 0, "a multiple of 100 ms");
    assertThat(result.sdkHttpResponse().statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerHttp200WithTheErrorOfAnExpressExecutionThatFailed() {
    var refuse = express("refuse", REFUSE);
    var result = sfn.startSyncExecution(r -> r.stateMachineArn(refuse).input("{}"));

    assertThat(result.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(result.status()).isEqualTo(SyncExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Order.Refused");
    assertThat(result.cause()).isEqualTo("out of stock");
    assertThat(result.output()).isNull();
    assertThat(result.outputDetails()).isNull();
    assertThat(result.name()).as("a generated name").isNotBlank();
  }

  @Test
  void shouldWaitForATaskAWorkerAnswersWhileTheCallIsOpen() throws Exception {
    var work = express("work", WORK);
    CompletableFuture<StartSyncExecutionResponse> call = CompletableFuture.supplyAsync(
        () -> sfn.startSyncExecution(r -> r.stateMachineArn(work).name("job-1").input("{\"job\": 1}")));
    var executionArn = awaitExecutionArn(work, "job-1");
    var task = tasks.take(executionArn, "Work");
    assertThat(call).as("the call waits for the execution to close").isNotDone();
    sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{\"Payload\": {\"ok\": true}}"));

    var result = call.get(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.executionArn()).isEqualTo(executionArn);
    assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(MAPPER.readTree(result.output())).isEqualTo(MAPPER.readTree("{\"done\": {\"ok\": true}}"));
  }

  @Test
  void shouldAnswerTimedOutWhenTheExecutionOutlivesItsTimeout() {
    var slow = express("slow", SLOW);
    var result = sfn.startSyncExecution(r -> r.stateMachineArn(slow).input("{}"));

    assertThat(result.status()).isEqualTo(SyncExecutionStatus.TIMED_OUT);
    assertThat(Duration.between(result.startDate(), result.stopDate())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldLeaveThePayloadsOutWithMetadataOnly() {
    var result = sfn.startSyncExecution(r -> r.stateMachineArn(greet).input("{\"who\": \"Bob\"}").includedData(IncludedData.METADATA_ONLY));

    assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(result.input()).isNull();
    assertThat(result.output()).isNull();
    assertThat(result.inputDetails().included()).isFalse();
    assertThat(result.outputDetails().included()).isFalse();
  }

  @Test
  void shouldRefuseAStandardStateMachineAndWhatIsNoStateMachine() {
    var standard = sfn.createStateMachine(r -> r.name("standard").roleArn(ROLE).definition(GREET)).stateMachineArn();
    var refused = assertAwsError(() -> sfn.startSyncExecution(r -> r.stateMachineArn(standard)), StateMachineTypeNotSupportedException.class,
        "StateMachineTypeNotSupported");
    assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("This operation is not supported by this type of state machine");
    assertAwsError(() -> sfn.startSyncExecution(r -> r.stateMachineArn(greet + "-missing")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.startSyncExecution(r -> r.stateMachineArn("not-an-arn")), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.startSyncExecution(r -> r.stateMachineArn(greet).input("{not json")), InvalidExecutionInputException.class,
        "InvalidExecutionInput");
  }

  /** The execution of a start, found by its name: an express execution's ARN ends in an id of its own. */
  private static String awaitExecutionArn(String stateMachineArn, String name) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      var found = sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
          .filter(execution -> execution.name().equals(name)).findFirst();
      if (found.isPresent()) {
        return found.get().executionArn();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected an execution named " + name + " of " + stateMachineArn + ", but none was listed");
      }
      SdkAssertions.pause();
    }
  }
}
