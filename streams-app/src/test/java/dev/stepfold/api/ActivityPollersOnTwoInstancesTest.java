package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.streams.StepfoldConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Two stepfold instances on one broker, each with its API, and workers polling one activity through both: every task is
 * handed to exactly one of them, whichever instance owns the activity's key.
 */
class ActivityPollersOnTwoInstancesTest {
  @TempDir
  Path first;
  @TempDir
  Path second;

  @Test
  @Timeout(300)
  void shouldGiveEachTaskToExactlyOnePollerWhicheverInstanceItPollsThrough() throws Exception {
    var poll = Map.of(StepfoldConfig.API_ACTIVITY_POLL_MS, "3000");
    var pool = Executors.newCachedThreadPool();
    try (var one = RunningApi.start(first, poll);
        var two = RunningApi.start(second, withBroker(one, poll));
        var sfnOne = one.client();
        var sfnTwo = two.client()) {
      // the first instance moves tasks to the second as it joins
      assertThat(one.runtime().awaitRunning(RunningApi.PATIENCE)).isTrue();
      assertThat(two.runtime().awaitRunning(RunningApi.PATIENCE)).isTrue();
      var activity = sfnOne.createActivity(r -> r.name("shared")).activityArn();
      awaitActivity(sfnTwo, activity);
      var machine = sfnOne.createStateMachine(r -> r.name("shares").roleArn("arn:aws:iam::123456789012:role/stepfold").definition("""
          {"StartAt": "Share", "States": {"Share": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity))).stateMachineArn();
      var taken = new ConcurrentHashMap<String, String>();
      var stop = new AtomicBoolean();
      var pollers = new ArrayList<Future<Integer>>();
      for (var worker : List.of("one-a", "one-b")) {
        pollers.add(pool.submit(() -> pollUntilStopped(sfnOne, activity, worker, taken, stop)));
      }
      for (var worker : List.of("two-a", "two-b")) {
        pollers.add(pool.submit(() -> pollUntilStopped(sfnTwo, activity, worker, taken, stop)));
      }
      int count = 16;
      var executions = IntStream.range(0, count)
          .mapToObj(i -> sfnOne.startExecution(r -> r.stateMachineArn(machine).name("share-" + i)).executionArn()).toList();

      for (var executionArn : executions) {
        awaitStatus(sfnOne, executionArn, ExecutionStatus.SUCCEEDED);
      }
      stop.set(true);
      int answered = 0;
      for (var poller : pollers) {
        answered += poller.get(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
      assertThat(answered).as("every task answered once").isEqualTo(count);
      assertThat(taken).hasSize(count);
      assertThat(taken.values()).as("pollers of both instances got tasks").anyMatch(w -> w.startsWith("one-")).anyMatch(w -> w.startsWith("two-"));
      for (var executionArn : executions) {
        var started = sfnTwo.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream()
            .filter(event -> event.type() == HistoryEventType.ACTIVITY_STARTED).map(HistoryEvent::activityStartedEventDetails).toList();
        assertThat(started).as(executionArn).singleElement()
            .satisfies(details -> assertThat(details.workerName()).isEqualTo(taken.get(TaskToken.of(new ExecutionArn(executionArn), 3).value())));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The settings of a second instance: the first one's broker and registry, the same application. */
  private static Map<String, String> withBroker(RunningApi one, Map<String, String> settings) {
    var config = new java.util.HashMap<>(settings);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, one.runtime().bootstrapServers());
    config.put(StepfoldConfig.SCHEMA_REGISTRY_URL, one.runtime().schemaRegistryUrl());
    return config;
  }

  private static int pollUntilStopped(SfnClient sfn, String activity, String worker, Map<String, String> taken, AtomicBoolean stop) {
    int answered = 0;
    while (!stop.get()) {
      var task = sfn.getActivityTask(r -> r.activityArn(activity).workerName(worker));
      if (task.taskToken() != null) {
        assertThat(taken.put(task.taskToken(), worker)).as("a task handed out once").isNull();
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
        answered++;
      }
    }
    return answered;
  }

  /** Waits until the instance's directory of activities shows the activity. */
  private static void awaitActivity(SfnClient sfn, String activity) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      try {
        sfn.describeActivity(r -> r.activityArn(activity));
        return;
      } catch (ActivityDoesNotExistException notYet) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Expected the second instance to show " + activity, notYet);
        }
        SdkAssertions.pause();
      }
    }
  }
}
