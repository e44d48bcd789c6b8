package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.TaskWorker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.stepfold.schemas.ReleaseActivityPollCommand;
import dev.stepfold.schemas.ReturnActivityTaskCommand;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.EncryptionType;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidEncryptionConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Activities and their workers through the AWS SDK for Java v2, against a running stepfold whose polls wait
 * {@value #POLL_MS} ms: the activity operations, workers polling with GetActivityTask and answering with
 * SendTask*, each task handed to one worker (pollers and a Kafka worker alike), polls that end with no task or whose
 * client goes away, time-outs followed by redrives, and late answers.
 */
@Timeout(300)
class ActivityApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  static final long POLL_MS = 3000;

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static ExecutorService workers = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() {
    try {
      api = RunningApi.start(dataDir, Map.of(StepfoldConfig.API_ACTIVITY_POLL_MS, Long.toString(POLL_MS)));
    } catch (Exception e) {
      throw new AssertionError("Expected stepfold with its API to start", e);
    }
    sfn = api.client();
  }

  @AfterAll
  static void stop() {
    workers.shutdownNow();
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldCreateDescribeListAndDeleteActivities() {
    var created = sfn.createActivity(r -> r.name("crud-1").tags(t -> t.key("team").value("parcels")));
    assertThat(created.activityArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:crud-1");
    var again = sfn.createActivity(r -> r.name("crud-1").tags(t -> t.key("team").value("other")));
    assertThat(again.activityArn()).isEqualTo(created.activityArn());
    assertThat(again.creationDate()).as("a repeat answers the activity as it is").isEqualTo(created.creationDate());
    sfn.createActivity(r -> r.name("crud-2").encryptionConfiguration(e -> e.type(EncryptionType.AWS_OWNED_KEY)));
    sfn.createActivity(r -> r.name("crud-3"));

    var described = sfn.describeActivity(r -> r.activityArn(created.activityArn()));
    assertThat(described.activityArn()).isEqualTo(created.activityArn());
    assertThat(described.name()).isEqualTo("crud-1");
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.encryptionConfiguration().type()).isEqualTo(EncryptionType.AWS_OWNED_KEY);

    var listed = new ArrayList<ActivityListItem>();
    sfn.listActivitiesPaginator(r -> r.maxResults(2)).activities().forEach(listed::add);
    assertThat(listed).extracting(ActivityListItem::name).as("in ARN order, over pages of two, each once")
        .containsSubsequence("crud-1", "crud-2", "crud-3").doesNotHaveDuplicates();
    assertThat(listed).filteredOn(item -> item.name().equals("crud-1")).singleElement()
        .satisfies(item -> assertThat(item.creationDate()).isEqualTo(created.creationDate()));
    assertAwsError(() -> sfn.listActivities(r -> r.nextToken("not-a-token-of-ours")), InvalidTokenException.class, "InvalidToken");
    assertAwsError(() -> sfn.listActivities(r -> r.maxResults(1001)), ValidationException.class, "ValidationException");

    sfn.deleteActivity(r -> r.activityArn(created.activityArn()));
    sfn.deleteActivity(r -> r.activityArn(created.activityArn()));
    var gone = assertAwsError(() -> sfn.describeActivity(r -> r.activityArn(created.activityArn())), ActivityDoesNotExistException.class,
        "ActivityDoesNotExist");
    assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("Activity Does Not Exist: '" + created.activityArn() + "'");
    assertAwsError(() -> sfn.getActivityTask(r -> r.activityArn(created.activityArn())), ActivityDoesNotExistException.class,
        "ActivityDoesNotExist");
    assertThat(sfn.listActivitiesPaginator(r -> r.maxResults(2)).activities().stream().map(ActivityListItem::name))
        .doesNotContain("crud-1").contains("crud-2", "crud-3");
  }

  @Test
  void shouldRefuseActivitiesThatCannotBe() {
    var invalid = assertAwsError(() -> sfn.createActivity(r -> r.name("has space")), InvalidNameException.class, "InvalidName");
    assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo("Invalid Name: 'has space'");
    assertAwsError(() -> sfn.describeActivity(r -> r.activityArn("no_an_activity_arn")), InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.getActivityTask(r -> r.activityArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")),
        InvalidArnException.class, "InvalidArn");
    assertAwsError(() -> sfn.createActivity(r -> r.name("kms").encryptionConfiguration(e -> e.type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY)
        .kmsKeyId("alias/mine"))), InvalidEncryptionConfigurationException.class, "InvalidEncryptionConfiguration");
    var tags = IntStream.range(0, 51).mapToObj(i -> software.amazon.awssdk.services.sfn.model.Tag.builder().key("k" + i).value("v").build()).toList();
    assertAwsError(() -> sfn.createActivity(r -> r.name("tagged").tags(tags)), TooManyTagsException.class, "TooManyTags");
  }

  @Test
  void shouldRunAnActivityTaskForAWorkerThatPollsForItAndAnswers() throws Exception {
    var activity = sfn.createActivity(r -> r.name("pack")).activityArn();
    var machine = stateMachine("packs", """
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Task", "Resource": "%s",
          "Parameters": {"parcel.$": "$.parcel"}, "ResultPath": "$.packed", "End": true}}}""".formatted(activity));
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("parcel-1").input("{\"parcel\": 7}")).executionArn();

    var task = pollUntilATask(activity, "packer-1");
    assertThat(MAPPER.readTree(task.input())).isEqualTo(MAPPER.readTree("{\"parcel\": 7}"));
    sfn.sendTaskHeartbeat(r -> r.taskToken(task.taskToken()));
    sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{\"box\": \"small\"}"));

    var succeeded = awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(MAPPER.readTree(succeeded.output())).isEqualTo(MAPPER.readTree("{\"parcel\": 7, \"packed\": {\"box\": \"small\"}}"));
    var events = history(executionArn);
    assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events.get(2).activityScheduledEventDetails().resource()).isEqualTo(activity);
    assertThat(events.get(3).activityStartedEventDetails().workerName()).isEqualTo("packer-1");

    var late = assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}")), TaskTimedOutException.class,
        "TaskTimedOut");
    assertThat(late.awsErrorDetails().errorMessage()).isEqualTo("Task Timed Out: 'Provided task does not exist anymore'");
    assertAwsError(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(task.taskToken())), TaskTimedOutException.class, "TaskTimedOut");
    assertAwsError(() -> sfn.sendTaskFailure(r -> r.taskToken(task.taskToken())), TaskTimedOutException.class, "TaskTimedOut");
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken("not-a-token").output("{}")), InvalidTokenException.class, "InvalidToken");
    var ofNoExecution = TaskToken.of(new ExecutionArn("arn:aws:states:us-east-1:123456789012:execution:packs:never"), 3).value();
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(ofNoExecution).output("{}")), TaskDoesNotExistException.class, "TaskDoesNotExist");
  }

  @Test
  void shouldAnswerAPollThatNoTaskCameToWithNoTask() {
    var activity = sfn.createActivity(r -> r.name("idle")).activityArn();

    var answer = sfn.getActivityTask(r -> r.activityArn(activity).workerName("idler"));

    assertThat(answer.taskToken()).isNull();
    assertThat(answer.input()).isNull();
  }

  @Test
  void shouldFailATaskStateWhoseActivityDoesNotExistAsAwsDoes() {
    var activity = "arn:aws:states:us-east-1:123456789012:activity:never-created";
    var machine = stateMachine("orphans", """
        {"StartAt": "Orphan", "States": {"Orphan": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("orphan-1")).executionArn();

    var failed = awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("States.Runtime");
    assertThat(failed.cause()).isEqualTo("An error occurred while executing the state 'Orphan' (entered at the event id #2). The activity "
        + activity + " does not exist.");
    assertThat(history(executionArn)).extracting(HistoryEvent::type)
        .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
  }

  @Test
  void shouldGiveEachTaskToOneOfTwoConcurrentPollers() throws Exception {
    var activity = sfn.createActivity(r -> r.name("sort")).activityArn();
    var machine = stateMachine("sorts", """
        {"StartAt": "Sort", "States": {"Sort": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
    int count = 12;
    var taken = new ConcurrentHashMap<String, String>();   // task token -> worker
    var stop = new AtomicBoolean();
    var pollers = List.of(poller(activity, "sorter-1", taken, stop), poller(activity, "sorter-2", taken, stop));
    var executions = IntStream.range(0, count).mapToObj(i -> sfn.startExecution(r -> r.stateMachineArn(machine).name("sort-" + i)
        .input("{\"n\": " + i + "}")).executionArn()).toList();

    for (var executionArn : executions) {
      awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    }
    stop.set(true);
    int answered = 0;
    for (var poller : pollers) {
      answered += poller.get(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
    assertThat(answered).as("every task answered once").isEqualTo(count);
    assertThat(taken).hasSize(count);
    for (var executionArn : executions) {
      var started = history(executionArn).stream().filter(event -> event.type() == HistoryEventType.ACTIVITY_STARTED).toList();
      assertThat(started).as(executionArn).singleElement();
      var token = TaskToken.of(new ExecutionArn(executionArn), 3).value();
      assertThat(started.get(0).activityStartedEventDetails().workerName()).as("the worker that got it").isEqualTo(taken.get(token));
    }
  }

  @Test
  void shouldGiveEachTaskToOneOfAPollerAndAKafkaWorker() throws Exception {
    var activity = sfn.createActivity(r -> r.name("mixed")).activityArn();
    var machine = stateMachine("mixes", """
        {"StartAt": "Mix", "States": {"Mix": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
    int count = 12;
    var taken = new ConcurrentHashMap<String, String>();
    var stop = new AtomicBoolean();
    var runtime = api.runtime();
    try (var kafkaWorker = TaskWorker.builder().bootstrapServers(runtime.bootstrapServers()).schemaRegistryUrl(runtime.schemaRegistryUrl())
        .name("kafka-mixer").resources("mixed")
        .handler(task -> {
          assertThat(taken.put(task.taskToken(), "kafka-mixer")).as("a task run once").isNull();
          return TaskResult.success("{\"by\": \"kafka\"}");
        }).start()) {
      assertThat(kafkaWorker.awaitReady(RunningApi.PATIENCE)).isTrue();
      var poller = poller(activity, "api-mixer", taken, stop);
      var executions = IntStream.range(0, count).mapToObj(i -> sfn.startExecution(r -> r.stateMachineArn(machine).name("mix-" + i))
          .executionArn()).toList();

      for (var executionArn : executions) {
        awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
      }
      stop.set(true);
      poller.get(RunningApi.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(taken).as("every task taken once, by one of them").hasSize(count);
      for (var executionArn : executions) {
        var started = history(executionArn).stream().filter(event -> event.type() == HistoryEventType.ACTIVITY_STARTED).toList();
        assertThat(started).as(executionArn).singleElement();
        var token = TaskToken.of(new ExecutionArn(executionArn), 3).value();
        assertThat(started.get(0).activityStartedEventDetails().workerName()).isEqualTo(taken.get(token));
      }
    }
  }

  @Test
  void shouldReleaseThePollOfAClientThatWentAwaySoThatTheNextPollerGetsTheTask() throws Exception {
    var activity = sfn.createActivity(r -> r.name("handoff")).activityArn();
    var machine = stateMachine("handoffs", """
        {"StartAt": "Hand", "States": {"Hand": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
    try (var commands = new CommandsTopic(api.runtime())) {
      try (var leaving = rawPoll(activity, "leaver")) {
        awaitWaitingPolls(activity, 1);
      }
      assertThat(commands.await(activity, ReleaseActivityPollCommand.class)).as("the API released the poll of the client that left")
          .isNotNull();
      awaitWaitingPolls(activity, 0);
    }
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("hand-1")).executionArn();

    var task = pollUntilATask(activity, "stayer");
    sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
    awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(history(executionArn)).filteredOn(event -> event.type() == HistoryEventType.ACTIVITY_STARTED).singleElement()
        .satisfies(event -> assertThat(event.activityStartedEventDetails().workerName()).isEqualTo("stayer"));
  }

  @Test
  void shouldNotLoseATaskThatCameAsItsPollersClientWentAway() throws Exception {
    var activity = sfn.createActivity(r -> r.name("racing")).activityArn();
    var machine = stateMachine("races", """
        {"StartAt": "Race", "States": {"Race": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
    String executionArn;
    try (var commands = new CommandsTopic(api.runtime())) {
      try (var leaving = rawPoll(activity, "leaver")) {
        awaitWaitingPolls(activity, 1);
        leaving.shutdownOutput();   // gone as the task comes: its poll released first, or the task handed to it and given back
        executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("race-1")).executionArn();
      }
      assertThat(commands.await(activity, ReleaseActivityPollCommand.class, ReturnActivityTaskCommand.class))
          .as("the API released the poll of the client that left, or gave back the task handed to it").isNotNull();
    }

    var task = pollUntilATask(activity, "stayer");
    assertThat(task.taskToken()).isEqualTo(TaskToken.of(new ExecutionArn(executionArn), 3).value());
    sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
    awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(history(executionArn)).filteredOn(event -> event.type() == HistoryEventType.ACTIVITY_STARTED).singleElement()
        .satisfies(event -> assertThat(event.activityStartedEventDetails().workerName()).isEqualTo("stayer"));
  }

  @Test
  void shouldTimeOutATaskWithoutHeartbeatsAndRunItAgainWhenRedriven() throws Exception {
    var activity = sfn.createActivity(r -> r.name("beat")).activityArn();
    var machine = stateMachine("beats", """
        {"StartAt": "Beat", "States": {"Beat": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 4, "End": true}}}"""
        .formatted(activity));
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("beat-1")).executionArn();
    var first = pollUntilATask(activity, "silent");

    var failed = awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("States.Timeout");
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(first.taskToken()).output("{}")), TaskTimedOutException.class, "TaskTimedOut");
    assertAwsError(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(first.taskToken())), TaskTimedOutException.class, "TaskTimedOut");

    sfn.redriveExecution(r -> r.executionArn(executionArn));
    var second = pollUntilATask(activity, "beating");
    assertThat(second.taskToken()).as("a new task, with a new token").isNotEqualTo(first.taskToken());
    sfn.sendTaskHeartbeat(r -> r.taskToken(second.taskToken()));
    assertAwsError(() -> sfn.sendTaskSuccess(r -> r.taskToken(first.taskToken()).output("{}")), TaskTimedOutException.class, "TaskTimedOut");
    sfn.sendTaskSuccess(r -> r.taskToken(second.taskToken()).output("{\"beat\": 2}"));

    var succeeded = awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    assertThat(MAPPER.readTree(succeeded.output())).isEqualTo(MAPPER.readTree("{\"beat\": 2}"));
    var events = history(executionArn);
    assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_TIMED_OUT,
        HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events.get(4).activityTimedOutEventDetails().error()).isEqualTo("States.Timeout");
    assertThat(events.get(8).activityScheduledEventDetails().heartbeatInSeconds()).as("the full heartbeat again").isEqualTo(4L);
    assertThat(events.get(9).activityStartedEventDetails().workerName()).isEqualTo("beating");
  }

  @Test
  void shouldTimeOutATaskAfterItsTimeoutSecondsAndRunItAgainWhenRedriven() throws Exception {
    var activity = sfn.createActivity(r -> r.name("slow")).activityArn();
    var machine = stateMachine("slows", """
        {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 4, "End": true}}}""".formatted(activity));
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(machine).name("slow-1")).executionArn();
    var first = pollUntilATask(activity, "slowcoach");
    sfn.sendTaskHeartbeat(r -> r.taskToken(first.taskToken()));

    var failed = awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("States.Timeout");
    assertAwsError(() -> sfn.sendTaskFailure(r -> r.taskToken(first.taskToken()).error("Too.Late")), TaskTimedOutException.class, "TaskTimedOut");

    sfn.redriveExecution(r -> r.executionArn(executionArn));
    var second = pollUntilATask(activity, "quick");
    sfn.sendTaskSuccess(r -> r.taskToken(second.taskToken()).output("{\"quick\": true}"));

    awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED);
    var events = history(executionArn);
    assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.ACTIVITY_TIMED_OUT, HistoryEventType.EXECUTION_FAILED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED,
        HistoryEventType.ACTIVITY_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events).filteredOn(event -> event.type() == HistoryEventType.ACTIVITY_SCHEDULED)
        .extracting(event -> event.activityScheduledEventDetails().timeoutInSeconds()).containsExactly(4L, 4L);
  }

  private static String stateMachine(String name, String definition) {
    return sfn.createStateMachine(r -> r.name(name).roleArn(ROLE).definition(definition)).stateMachineArn();
  }

  /** Polls until a task comes (a poll may end with none). */
  private static GetActivityTaskResponse pollUntilATask(String activity, String workerName) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      var answer = sfn.getActivityTask(r -> r.activityArn(activity).workerName(workerName));
      if (answer.taskToken() != null) {
        return answer;
      }
    }
    throw new AssertionError("Expected a task of " + activity + ", but none came");
  }

  /** A worker that polls until stopped and answers each task with success; the number of tasks it answered. */
  private static Future<Integer> poller(String activity, String workerName, Map<String, String> taken, AtomicBoolean stop) {
    return workers.submit(() -> {
      int answered = 0;
      while (!stop.get()) {
        var answer = sfn.getActivityTask(r -> r.activityArn(activity).workerName(workerName));
        if (answer.taskToken() != null) {
          assertThat(taken.put(answer.taskToken(), workerName)).as("a task handed out once").isNull();
          sfn.sendTaskSuccess(r -> r.taskToken(answer.taskToken()).output("{\"by\": \"" + workerName + "\"}"));
          answered++;
        }
      }
      return answered;
    });
  }

  private static List<HistoryEvent> history(String executionArn) {
    return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream().toList();
  }

  /** A GetActivityTask sent over a socket of its own, which the test closes to go away; unsigned (no credentials configured). */
  private static Socket rawPoll(String activity, String workerName) throws IOException {
    var body = ("{\"activityArn\": \"" + activity + "\", \"workerName\": \"" + workerName + "\"}").getBytes(StandardCharsets.UTF_8);
    var socket = new Socket(api.endpoint().getHost(), api.endpoint().getPort());
    OutputStream out = socket.getOutputStream();
    out.write(("POST / HTTP/1.1\r\nHost: " + api.endpoint().getAuthority() + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: AWSStepFunctions.GetActivityTask\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return socket;
  }

  /** Waits until the activity's entity holds that many waiting polls (read from its store, on this one instance). */
  private static void awaitWaitingPolls(String activity, int count) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      var store = api.runtime().streams().store(StoreQueryParameters.fromNameAndType("activity-polls",
          QueryableStoreTypes.<String, byte[]>keyValueStore()));
      int waiting = 0;
      try (var all = store.all()) {
        while (all.hasNext()) {
          if (all.next().key.startsWith(activity + "\0")) {
            waiting++;
          }
        }
      }
      if (waiting == count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + count + " waiting polls of " + activity + ", but there are " + waiting);
      }
      SdkAssertions.pause();
    }
  }
}
