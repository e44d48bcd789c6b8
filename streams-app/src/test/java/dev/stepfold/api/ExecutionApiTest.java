package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.streams.StepfoldConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * The execution operations and the workers' answers through the AWS SDK for Java v2, against a running stepfold with
 * credentials configured (so every call here is also a signed request that passes). Tasks are taken from the tasks
 * topic, as a Kafka worker takes them, and answered over the API.
 */
@Timeout(300)
class ExecutionApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String WORK = "arn:aws:states:us-east-1:123456789012:activity:work";
  /** A Parallel whose second branch waits on an activity; the first succeeds at once. */
  private static final String PARALLEL = """
      {"StartAt": "Both", "States": {
        "Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Result": "quick", "End": true}}},
          {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}]}}}""".formatted(WORK);
  private static final String WAITS = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(WORK);

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static TaskTopic tasks;
  static String parallel;
  static String waits;

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of(StepfoldConfig.API_ACCESS_KEY_ID, RunningApi.ACCESS_KEY_ID,
          StepfoldConfig.API_SECRET_ACCESS_KEY, RunningApi.SECRET));
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.client();
    tasks = new TaskTopic(api.runtime());
    sfn.createActivity(r -> r.name("work"));   // a Task naming an activity that does not exist fails, as on AWS
    parallel = sfn.createStateMachine(r -> r.name("parallel").roleArn(ROLE).definition(PARALLEL)).stateMachineArn();
    waits = sfn.createStateMachine(r -> r.name("waits").roleArn(ROLE).definition(WAITS).publish(true)).stateMachineArn();
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

  @Test
  void shouldRedriveAParallelWhoseBranchFailedOnATaskAndRunOnlyThatBranchAgain() throws Exception {
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(parallel).name("p-1").input("{\"order\": 7}")).executionArn();
    var first = tasks.take(executionArn, "Work");
    assertThat(MAPPER.readTree(first.getPayload())).isEqualTo(MAPPER.readTree("{\"order\": 7}"));
    sfn.sendTaskFailure(r -> r.taskToken(first.getTaskToken()).error("Work.Broken").cause("the worker was broken"));

    var failed = awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("Work.Broken");
    assertThat(failed.cause()).isEqualTo("the worker was broken");
    assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
    assertThat(failed.redriveCount()).isZero();
    assertThat(failed.redriveDate()).isNull();
    assertThat(failed.stopDate()).isNotNull();

    var redriven = sfn.redriveExecution(r -> r.executionArn(executionArn).clientToken("fix-1"));
    assertThat(sfn.redriveExecution(r -> r.executionArn(executionArn).clientToken("fix-1")).redriveDate())
        .as("the same client token answers the first redrive").isEqualTo(redriven.redriveDate());
    var second = tasks.take(executionArn, "Work");
    assertThat(second.getTaskToken()).isNotEqualTo(first.getTaskToken());
    sfn.sendTaskHeartbeat(r -> r.taskToken(second.getTaskToken()));
    sfn.sendTaskSuccess(r -> r.taskToken(second.getTaskToken()).output("{\"done\": true}"));

    var succeeded = awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(MAPPER.readTree(succeeded.output())).isEqualTo(MAPPER.readTree("[\"quick\", {\"done\": true}]"));
    assertThat(succeeded.redriveCount()).isEqualTo(1);
    assertThat(succeeded.redriveDate()).isEqualTo(redriven.redriveDate());
    assertThat(succeeded.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(succeeded.redriveStatusReason()).isNotBlank();
    assertThat(tasks.hasNoMore(executionArn)).as("one task per run of the failed branch, and no second task for the redrive's repeat").isTrue();

    var events = sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(4)).events().stream().toList();
    var types = events.stream().map(HistoryEvent::type).toList();
    assertThat(types).containsSubsequence(HistoryEventType.ACTIVITY_FAILED, HistoryEventType.EXECUTION_FAILED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_SUCCEEDED,
        HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(types.stream().filter(HistoryEventType.PASS_STATE_ENTERED::equals)).as("the succeeded branch does not run again").hasSize(1);
    assertThat(events.stream().map(HistoryEvent::id).toList()).as("ids from 1, in order, over pages")
        .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
    var redrivenEvent = events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN).findFirst().orElseThrow();
    assertThat(redrivenEvent.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
    assertThat(events.stream().filter(e -> e.type() == HistoryEventType.ACTIVITY_FAILED).findFirst().orElseThrow()
        .activityFailedEventDetails().error()).isEqualTo("Work.Broken");

    var reversed = sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(1));
    assertThat(reversed.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(reversed.nextToken()).isNotNull();
    var metadataOnly = sfn.getExecutionHistory(r -> r.executionArn(executionArn).includeExecutionData(false)).events();
    assertThat(metadataOnly.get(0).executionStartedEventDetails().input()).isNull();
    assertThat(metadataOnly.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);

    var redrivenOnes = sfn.listExecutions(r -> r.stateMachineArn(parallel).redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
    assertThat(redrivenOnes).anySatisfy(item -> {
      assertThat(item.executionArn()).isEqualTo(executionArn);
      assertThat(item.redriveCount()).isEqualTo(1);
      assertThat(item.redriveDate()).isEqualTo(redriven.redriveDate());
    });
  }

  @Test
  void shouldAnswerEveryErrorOfRedriveExecution() {
    var missing = "arn:aws:states:us-east-1:123456789012:execution:parallel:never-started";
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(missing)), ExecutionDoesNotExistException.class, "ExecutionDoesNotExist");
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn("not-an-arn")), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(waits)), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(missing).clientToken("has space")), ValidationException.class,
        "ValidationException");
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(missing).clientToken("x".repeat(65))), ValidationException.class,
        "ValidationException");

    var running = sfn.startExecution(r -> r.stateMachineArn(waits).name("running-1")).executionArn();
    var refused = assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(running)), ExecutionNotRedrivableException.class,
        "ExecutionNotRedrivable");
    assertThat(refused.awsErrorDetails().errorMessage()).contains("RUNNING");
    var task = tasks.take(running, "Work");
    sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{}"));
    awaitStatus(sfn, running, ExecutionStatus.SUCCEEDED);
    assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(running)), ExecutionNotRedrivableException.class, "ExecutionNotRedrivable");
  }

  @Test
  void shouldStartIdempotentlyWhileRunningAndRefuseAnotherInputOrAClosedExecution() {
    var first = sfn.startExecution(r -> r.stateMachineArn(waits).name("same").input("{\"n\": 1}"));
    var again = sfn.startExecution(r -> r.stateMachineArn(waits).name("same").input("{\"n\": 1}"));
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).name("same").input("{\"n\": 2}")), ExecutionAlreadyExistsException.class,
        "ExecutionAlreadyExists");

    var stopped = sfn.stopExecution(r -> r.executionArn(first.executionArn()).error("Operator.Stop").cause("by the test"));
    var aborted = awaitStatus(sfn, first.executionArn(), ExecutionStatus.ABORTED);
    assertThat(aborted.stopDate()).isEqualTo(stopped.stopDate());
    assertThat(aborted.error()).isEqualTo("Operator.Stop");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).name("same").input("{\"n\": 1}")), ExecutionAlreadyExistsException.class,
        "ExecutionAlreadyExists");
    var task = tasks.take(first.executionArn(), "Work");
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{}")), TaskTimedOutException.class, "TaskTimedOut");
  }

  @Test
  void shouldStartAVersionAndDescribeTheExecution() throws Exception {
    var version = waits + ":1";
    var started = sfn.startExecution(r -> r.stateMachineArn(version).name("by-version").input("{\"v\": 1}"));
    assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:waits:by-version");
    var described = sfn.describeExecution(r -> r.executionArn(started.executionArn()));
    assertThat(described.stateMachineArn()).isEqualTo(waits);
    assertThat(described.stateMachineVersionArn()).isEqualTo(version);
    assertThat(sfn.getExecutionHistory(r -> r.executionArn(started.executionArn()).maxResults(1)).events().get(0)
        .executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(version);
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(waits)).executions()).filteredOn(item -> item.name().equals("by-version"))
        .singleElement().satisfies(item -> assertThat(item.stateMachineVersionArn()).isEqualTo(version));
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(version)).executions()).extracting(item -> item.name())
        .as("the executions started through the version").containsExactly("by-version");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(waits + ":PROD")).executions()).as("an alias nothing started through").isEmpty();
    assertThat(described.name()).isEqualTo("by-version");
    assertThat(described.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(described.startDate()).isEqualTo(started.startDate());
    assertThat(MAPPER.readTree(described.input())).isEqualTo(MAPPER.readTree("{\"v\": 1}"));
    assertThat(described.inputDetails().included()).isTrue();
    assertThat(described.stopDate()).isNull();
    assertThat(described.output()).isNull();
    assertThat(described.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    var metadataOnly = sfn.describeExecution(r -> r.executionArn(started.executionArn()).includedData("METADATA_ONLY"));
    assertThat(metadataOnly.input()).isNull();
    assertThat(metadataOnly.inputDetails().included()).isFalse();

    var forExecution = sfn.describeStateMachineForExecution(r -> r.executionArn(started.executionArn()));
    assertThat(forExecution.stateMachineArn()).isEqualTo(waits);
    assertThat(forExecution.name()).isEqualTo("waits");
    assertThat(forExecution.definition()).isEqualTo(WAITS);
    assertThat(forExecution.roleArn()).isEqualTo(ROLE);
    assertThat(forExecution.updateDate()).isNotNull();
    sfn.stopExecution(r -> r.executionArn(started.executionArn()));
  }

  @Test
  void shouldRefuseStartsThatCannotBe() {
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:nobody")),
        StateMachineDoesNotExistException.class, "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn("arn:aws:lambda:us-east-1:123456789012:function:f")), InvalidArnException.class,
        "InvalidArn");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).name("no/slash")), InvalidNameException.class, "InvalidName");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).input("not json")), InvalidExecutionInputException.class,
        "InvalidExecutionInput");
    var overTheLimit = "{\"text\": \"" + "x".repeat(262_144) + "\"}";
    var overTheLimitInUtf8 = "{\"text\": \"" + "\u00e9".repeat(140_000) + "\"}";   // 140,000 characters, 280,000 bytes
    for (var input : new String[] {overTheLimit, overTheLimitInUtf8}) {
      var tooLarge = assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).input(input)), InvalidExecutionInputException.class,
          "InvalidExecutionInput");
      assertThat(tooLarge.awsErrorDetails().errorMessage()).isEqualTo("Invalid State Machine Execution Input: 'the input is larger than 262144 bytes'");
    }
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).name("n".repeat(81))), ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits).name("tab\tname")), InvalidNameException.class, "InvalidName");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine")), InvalidArnException.class,
        "InvalidArn");
    var labelled = assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(waits + "/Label")), ValidationException.class, "ValidationException");
    assertThat(((ValidationException) labelled).reasonAsString()).isEqualTo("API_DOES_NOT_SUPPORT_LABELED_ARNS");
    assertAwsError(() -> sfn.describeExecution(r -> r.executionArn("arn:aws:states:us-east-1:123456789012:execution:waits:nope")),
        ExecutionDoesNotExistException.class, "ExecutionDoesNotExist");
    assertAwsError(() -> sfn.describeExecution(r -> r.executionArn("nope")), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.getExecutionHistory(r -> r.executionArn("arn:aws:states:us-east-1:123456789012:execution:waits:nope")),
        ExecutionDoesNotExistException.class, "ExecutionDoesNotExist");
  }

  @Test
  void shouldAnswerTaskTokensThatAreNotThoseOfARunningTask() {
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken("not-a-token").output("{}")), InvalidTokenException.class, "InvalidToken");
    var ofNoExecution = TaskToken.of(
        new ExecutionArn("arn:aws:states:us-east-1:123456789012:execution:waits:never"), 3).value();
    assertAwsError(() -> sfn.sendTaskFailure(r -> r.taskToken(ofNoExecution)), TaskDoesNotExistException.class, "TaskDoesNotExist");
    assertAwsError(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(ofNoExecution)), TaskDoesNotExistException.class, "TaskDoesNotExist");

    var running = sfn.startExecution(r -> r.stateMachineArn(waits).name("tokens-1")).executionArn();
    var task = tasks.take(running, "Work");
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("not json")), InvalidOutputException.class, "InvalidOutput");
    sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{\"ok\": 1}"));
    awaitStatus(sfn, running, ExecutionStatus.SUCCEEDED);
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{}")), TaskTimedOutException.class, "TaskTimedOut");
  }

  @Test
  void shouldListExecutionsNewestFirstWithFiltersAndPages() {
    var machine = sfn.createStateMachine(r -> r.name("listed").roleArn(ROLE).definition(WAITS)).stateMachineArn();
    var names = List.of("l-1", "l-2", "l-3");
    for (var name : names) {
      sfn.startExecution(r -> r.stateMachineArn(machine).name(name));
    }
    var stopped = machine.replace(":stateMachine:", ":execution:") + ":l-2";
    sfn.stopExecution(r -> r.executionArn(stopped));
    awaitStatus(sfn, stopped, ExecutionStatus.ABORTED);

    var all = sfn.listExecutionsPaginator(r -> r.stateMachineArn(machine).maxResults(1)).executions().stream().toList();
    assertThat(all).extracting(item -> item.name()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(all).extracting(item -> item.startDate()).isSortedAccordingTo(Comparator.reverseOrder());
    var page = sfn.listExecutions(r -> r.stateMachineArn(machine).maxResults(2));
    assertThat(page.executions()).hasSize(2);
    assertThat(page.nextToken()).isNotNull();
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.ABORTED)).executions())
        .extracting(item -> item.name()).containsExactly("l-2");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING)).executions())
        .extracting(item -> item.name()).containsExactlyInAnyOrder("l-1", "l-3");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions()).isEmpty();

    assertAwsError(() -> sfn.listExecutions(r -> r.stateMachineArn(machine).nextToken("garbage!")), InvalidTokenException.class, "InvalidToken");
    assertAwsError(() -> sfn.listExecutions(r -> r.stateMachineArn(machine).maxResults(1001)), ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.listExecutions(r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.PENDING_REDRIVE)),
        ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.listExecutions(r -> r.maxResults(1)), ValidationException.class, "ValidationException");
    for (var name : List.of("l-1", "l-3")) {
      sfn.stopExecution(r -> r.executionArn(machine.replace(":stateMachine:", ":execution:") + ":" + name));
    }
  }

  @Test
  void shouldAnswerOnEveryApiInstanceFromTheOneRepliesTopic() {
    try (var second = StepfoldApi.start(api.runtime());
        var other = api.clientBuilder(RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, Region.US_EAST_1)
            .endpointOverride(URI.create("http://localhost:" + second.port())).build()) {
      var arn = other.createStateMachine(r -> r.name("second-instance").roleArn(ROLE).definition(WAITS)).stateMachineArn();
      var started = sfn.startExecution(r -> r.stateMachineArn(arn).name("s-1")).executionArn();
      assertThat(other.startExecution(r -> r.stateMachineArn(arn).name("s-1")).executionArn()).isEqualTo(started);
      other.stopExecution(r -> r.executionArn(started));
      assertThat(awaitStatus(sfn, started, ExecutionStatus.ABORTED).status()).isEqualTo(ExecutionStatus.ABORTED);
    }
  }

  @Test
  void shouldAnswerEveryOperationOfTheStepFunctionsApi() {
    var operations = Operations.load(null);   // groups only keep the services they are given
    assertThat(AwsOperations.ALL.stream().filter(operation -> !operations.answers(operation)).toList()).isEmpty();
    var e = assertAwsError(() -> sfn.listTagsForResource(r -> r.resourceArn("arn:aws:states:us-east-1:123456789012:stateMachine:none")),
        SfnException.class, "ResourceNotFound");
    assertThat(e.awsErrorDetails().errorMessage()).contains("none");
  }
}
