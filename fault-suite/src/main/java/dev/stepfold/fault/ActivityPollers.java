package dev.stepfold.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fault suite's activity workers: threads that poll for the activity's tasks over the AWS API (GetActivityTask),
 * apply each task's effect to the idempotent sink and answer with SendTaskSuccess, as a worker with an AWS SDK does.
 * Each poller talks to one instance at a time and goes to the next when it stops answering (killed, cut off); an answer
 * whose instance died before answering is sent again to the next, until it is accepted or refused as already answered.
 * Some answers are sent twice (a duplicate answer, refused).
 */
final class ActivityPollers implements AutoCloseable {
  static final String ACTIVITY = "fault-activity";
  private static final Duration POLL_PATIENCE = Duration.ofSeconds(70);
  /** The refusals that say the task was answered already (by this answer, sent before its instance died) or ended. */
  private static final Set<String> ANSWERED = Set.of("TaskTimedOut", "TaskDoesNotExist");

  private final List<AwsApi> instances;
  private final IdempotentSink sink;
  private final FaultCounts faults;
  private final List<Thread> pollers = new ArrayList<>();
  private final Random random;
  private volatile boolean running = true;

  ActivityPollers(List<String> apiUrls, IdempotentSink sink, FaultCounts faults, long seed) {
    this.instances = apiUrls.stream().map(AwsApi::new).toList();
    this.sink = sink;
    this.faults = faults;
    this.random = new Random(seed);
  }

  static String activityArn() {
    return "arn:aws:states:us-east-1:" + JsonCommands.ACCOUNT + ":activity:" + ACTIVITY;
  }

  /** Creates the activity through every instance, so that each one's directory of activities holds it. */
  void createActivity() throws Exception {
    for (var instance : instances) {
      instance.call("CreateActivity", AwsApi.JSON.createObjectNode().put("name", ACTIVITY));
    }
  }

  void start(int threads) {
    for (int i = 0; i < threads; i++) {
      int first = i % instances.size();
      var poller = new Thread(() -> poll("poller-" + first, first), "fault-activity-poller-" + i);
      poller.setDaemon(true);
      poller.start();
      pollers.add(poller);
    }
  }

  private void poll(String workerName, int first) {
    int instance = first;
    while (running) {
      try {
        var task = instances.get(instance).call("GetActivityTask",
            AwsApi.JSON.createObjectNode().put("activityArn", activityArn()).put("workerName", workerName), POLL_PATIENCE);
        if (task.hasNonNull("taskToken")) {
          work(task, instance);
        }
      } catch (IOException unreachable) {
        instance = (instance + 1) % instances.size();
        pause();
      } catch (InterruptedException closing) {
        return;
      }
    }
  }

  private void work(JsonNode task, int instance) throws InterruptedException {
    var token = task.get("taskToken").asText();
    sink.apply(token);
    var answer = AwsApi.JSON.createObjectNode().put("taskToken", token).put("output", "{\"applied\": true}");
    answer(answer, instance);
    boolean twice;
    synchronized (random) {
      twice = random.nextDouble() < 0.1;
    }
    if (twice) {
      faults.count("duplicate answer");
      answer(answer, instance);
    }
  }

  /** Sends the answer until an instance takes it or says the task was answered already. */
  private void answer(ObjectNode answer, int first) throws InterruptedException {
    for (int instance = first; running; instance = (instance + 1) % instances.size()) {
      try {
        instances.get(instance).call("SendTaskSuccess", answer);
        return;
      } catch (AwsApi.Refused refused) {
        if (ANSWERED.contains(refused.errorType())) {
          return;
        }
        pause();
      } catch (IOException unreachable) {
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    pollers.forEach(Thread::interrupt);
    for (var poller : pollers) {
      poller.join(5_000);
    }
  }
}
