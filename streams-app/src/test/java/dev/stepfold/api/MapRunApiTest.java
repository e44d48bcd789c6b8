package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;
import software.amazon.awssdk.services.sfn.model.ValidationExceptionReason;

/**
 * The map run operations through the AWS SDK for Java v2, on Distributed Maps whose children wait on tasks taken from
 * the tasks topic: DescribeMapRun and ListMapRuns follow a map run as it runs, UpdateMapRun changes its concurrency and
 * tolerance while it runs and is refused once it has ended, ListExecutions by map run lists its children, with
 * {@code PENDING_REDRIVE} for those a redrive has yet to rerun.
 */
@Timeout(300)
class MapRunApiTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String EACH = """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ToleratedFailureCount": %d,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
          "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "Parameters": {"FunctionName": "work", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}},
        "End": true}}}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static TaskTopic tasks;

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of());
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.client();
    tasks = new TaskTopic(api.runtime());
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
  void shouldDescribeUpdateAndListAMapRunAsItRuns() {
    var stateMachine = sfn.createStateMachine(r -> r.name("each").roleArn(ROLE).definition(EACH.formatted(0))).stateMachineArn();
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("three").input("{\"items\": [1, 2, 3]}")).executionArn();
    var mapRun = await(() -> sfn.listMapRuns(r -> r.executionArn(executionArn)).mapRuns(), runs -> !runs.isEmpty()).get(0);
    assertThat(mapRun.executionArn()).isEqualTo(executionArn);
    assertThat(mapRun.mapRunArn()).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:each/Each:");
    assertThat(mapRun.stateMachineArn()).isEqualTo(stateMachine + "/Each");
    assertThat(mapRun.stopDate()).isNull();

    var running = awaitMapRun(mapRun, described -> described.executionCounts().running() == 1);
    assertThat(running.status()).isEqualTo(MapRunStatus.RUNNING);
    assertThat(running.executionArn()).isEqualTo(executionArn);
    assertThat(running.maxConcurrency()).isEqualTo(1);
    assertThat(running.toleratedFailureCount()).isZero();
    assertThat(running.executionCounts().pending()).isEqualTo(2);
    assertThat(running.executionCounts().total()).isEqualTo(3);
    assertThat(running.itemCounts().total()).isEqualTo(3);
    assertThat(running.startDate()).isNotNull();
    assertThat(running.stopDate()).isNull();

    sfn.updateMapRun(r -> r.mapRunArn(mapRun.mapRunArn()).maxConcurrency(3).toleratedFailureCount(1L));
    var widened = awaitMapRun(mapRun, described -> described.executionCounts().running() == 3);
    assertThat(widened.maxConcurrency()).isEqualTo(3);
    assertThat(widened.toleratedFailureCount()).isEqualTo(1);

    var children = sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn())).executions();
    assertThat(children).hasSize(3).allSatisfy(child -> {
      assertThat(child.status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(child.mapRunArn()).isEqualTo(mapRun.mapRunArn());
      assertThat(child.stateMachineArn()).isEqualTo(stateMachine + "/Each");
    });
    var first = sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn()).maxResults(2));
    assertThat(first.executions()).hasSize(2);
    var rest = sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn()).maxResults(2).nextToken(first.nextToken()));
    assertThat(rest.executions()).hasSize(1).doesNotContainAnyElementsOf(first.executions());
    assertThat(rest.nextToken()).isNull();

    sfn.sendTaskFailure(r -> r.taskToken(tasks.take(children.get(0).executionArn(), "Work").getTaskToken()).error("Work.Broken"));
    for (var child : children.subList(1, 3)) {
      sfn.sendTaskSuccess(r -> r.taskToken(tasks.take(child.executionArn(), "Work").getTaskToken()).output("{\"Payload\": 1}"));
    }

    awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    var ended = awaitMapRun(mapRun, described -> described.status() == MapRunStatus.SUCCEEDED);
    assertThat(ended.stopDate()).isAfterOrEqualTo(ended.startDate());
    assertThat(ended.executionCounts().succeeded()).isEqualTo(2);
    assertThat(ended.executionCounts().failed()).isEqualTo(1);
    assertThat(ended.executionCounts().running()).isZero();
    assertThat(sfn.listMapRuns(r -> r.executionArn(executionArn)).mapRuns().get(0).stopDate()).isNotNull();
    assertThat(sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn()).statusFilter(ExecutionStatus.FAILED)).executions())
        .extracting(ExecutionListItem::executionArn).containsExactly(children.get(0).executionArn());

    var closed = assertAwsError(() -> sfn.updateMapRun(r -> r.mapRunArn(mapRun.mapRunArn()).maxConcurrency(5)), ValidationException.class,
        "ValidationException");
    assertThat(((ValidationException) closed).reason()).isEqualTo(ValidationExceptionReason.CANNOT_UPDATE_COMPLETED_MAP_RUN);
  }

  @Test
  void shouldListTheChildrenARedriveHasYetToRerunAsPendingRedrive() {
    var stateMachine = sfn.createStateMachine(r -> r.name("tolerant").roleArn(ROLE).definition(EACH.formatted(1))).stateMachineArn();
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("fails").input("{\"items\": [1, 2, 3]}")).executionArn();
    var mapRun = await(() -> sfn.listMapRuns(r -> r.executionArn(executionArn)).mapRuns(), runs -> !runs.isEmpty()).get(0);
    for (int failed = 0; failed < 2; failed++) {
      int count = failed + 1;
      var child = await(() -> sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn())).executions(), listed -> listed.size() == count).get(0);
      sfn.sendTaskFailure(r -> r.taskToken(tasks.take(child.executionArn(), "Work").getTaskToken()).error("Work.Broken"));
    }
    awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    var failedRun = awaitMapRun(mapRun, described -> described.status() == MapRunStatus.FAILED);
    assertThat(failedRun.executionCounts().failed()).isEqualTo(2);
    assertThat(failedRun.redriveCount()).isZero();

    var redriveDate = sfn.redriveExecution(r -> r.executionArn(executionArn)).redriveDate();

    var redriven = awaitMapRun(mapRun, described -> described.redriveCount() == 1 && described.executionCounts().running() == 1);
    assertThat(redriven.status()).isEqualTo(MapRunStatus.RUNNING);
    assertThat(redriven.redriveDate()).isAfterOrEqualTo(redriveDate.minusSeconds(1));
    assertThat(redriven.executionCounts().pendingRedrive()).isEqualTo(1);
    assertThat(redriven.stopDate()).as("a redriven map run runs again").isNull();
    var pending = sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn()).statusFilter(ExecutionStatus.PENDING_REDRIVE)).executions();
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).status()).isEqualTo(ExecutionStatus.PENDING_REDRIVE);
  }

  @Test
  void shouldAnswerAwsErrorsForWhatIsNoMapRunOrNoExecution() {
    var missing = "arn:aws:states:us-east-1:123456789012:mapRun:each/Each:00000000-0000-0000-0000-000000000000";
    assertAwsError(() -> sfn.describeMapRun(r -> r.mapRunArn(missing)), ResourceNotFoundException.class, "ResourceNotFound");
    assertAwsError(() -> sfn.updateMapRun(r -> r.mapRunArn(missing).maxConcurrency(2)), ResourceNotFoundException.class, "ResourceNotFound");
    assertAwsError(() -> sfn.describeMapRun(r -> r.mapRunArn("not-an-arn")), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.listMapRuns(r -> r.executionArn("arn:aws:states:us-east-1:123456789012:execution:each:none")),
        ExecutionDoesNotExistException.class, "ExecutionDoesNotExist");
    assertAwsError(() -> sfn.updateMapRun(r -> r.mapRunArn(missing).toleratedFailurePercentage(101f)), ValidationException.class,
        "ValidationException");
    assertAwsError(() -> sfn.listExecutions(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:each")
        .statusFilter(ExecutionStatus.PENDING_REDRIVE)), ValidationException.class, "ValidationException");
  }

  private static DescribeMapRunResponse awaitMapRun(MapRunListItem mapRun, Predicate<DescribeMapRunResponse> condition) {
    return await(() -> sfn.describeMapRun(r -> r.mapRunArn(mapRun.mapRunArn())), condition);
  }

  private static <T> T await(Supplier<T> read, Predicate<T> condition) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      var value = read.get();
      if (condition.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected a condition to hold within " + RunningApi.PATIENCE + ", but the last read was " + value);
      }
      SdkAssertions.pause();
    }
  }
}
