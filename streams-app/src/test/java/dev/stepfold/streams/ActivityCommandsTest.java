package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ActivityArn;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.ActivityRecord;
import dev.stepfold.schemas.ClaimActivityTaskCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateActivityCommand;
import dev.stepfold.schemas.DeleteActivityCommand;
import dev.stepfold.schemas.GetActivityTaskCommand;
import dev.stepfold.schemas.QueueActivityTaskCommand;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReleaseActivityPollCommand;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.ReturnActivityTaskCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activity entity on the topology as the runtime builds it, in a {@link TopologyTestDriver}: creating and deleting
 * activities, the queue of their tasks and their waiting polls, each task handed out once, the polls' ends, and the
 * tasks executions schedule reaching their activity's queue.
 */
class ActivityCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final ArnFormat ARNS = ArnFormat.DEFAULT;
  private static final ActivityArn PACK = ARNS.activity("pack");
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final long HOLD = 60_000;

  @TempDir
  Path stateDirectory;
  TopologyHarness harness;
  TestOutputTopic<String, ActivityRecord> activities;

  @BeforeEach
  void start() {
    harness = TopologyHarness.asTheRuntimeBuildsIt(stateDirectory, T0);
    activities = harness.driver.createOutputTopic(harness.topics.activities().name(), Serdes.String().deserializer(),
        harness.topics.activities().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldCreateAnActivityOnceAndAnswerARepeatAsTheFirst() {
    send("c-1", PACK, CreateActivityCommand.newBuilder().setName("pack").setTags(Map.of("team", "parcels")).build(), T0);
    send("c-2", PACK, CreateActivityCommand.newBuilder().setName("pack").setTags(Map.of("team", "other")).build(), T0.plusSeconds(5));

    var replies = replies();
    var created = accepted(replies.get("c-1"));
    assertThat(created.get("activityArn").asText()).isEqualTo(PACK.value());
    assertThat(created.get("creationDate").decimalValue()).isEqualByComparingTo("1772445600");
    assertThat(accepted(replies.get("c-2"))).as("the same ARN and creation date").isEqualTo(accepted(replies.get("c-1")));
    var written = activities.readKeyValuesToList();
    assertThat(written).hasSize(1);
    assertThat(written.get(0).key).isEqualTo(PACK.value());
    assertThat(written.get(0).value).isEqualTo(new ActivityRecord(PACK.value(), "pack", T0, Map.of("team", "parcels")));
  }

  @Test
  void shouldRefuseACreateWhoseNameIsInvalidOrNotTheArnsName() {
    var invalid = new ActivityArn("arn:aws:states:us-east-1:123456789012:activity:a b");
    send("c-1", invalid, CreateActivityCommand.newBuilder().setName("a b").build(), T0);
    send("c-2", PACK, CreateActivityCommand.newBuilder().setName("ship").build(), T0);
    send("c-3", "arn:aws:states:us-east-1:123456789012:stateMachine:pack", CreateActivityCommand.newBuilder().setName("pack").build(), T0);

    var replies = replies();
    assertThat(rejected(replies.get("c-1"))).isEqualTo("InvalidName: Invalid Name: 'a b'");
    assertThat(rejected(replies.get("c-2"))).startsWith("InvalidArn: ");
    assertThat(rejected(replies.get("c-3"))).isEqualTo("InvalidArn: Invalid Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:pack'");
    assertThat(activities.isEmpty()).isTrue();
  }

  @Test
  void shouldAnswerAPollOfAnActivityThatDoesNotExistActivityDoesNotExist() {
    poll("p-1", "worker-1", T0);

    assertThat(rejected(replies().get("p-1"))).isEqualTo("ActivityDoesNotExist: Activity Does Not Exist: '" + PACK + "'");
  }

  @Test
  void shouldHandATaskQueuedBeforeAPollToThatPoll() {
    create(PACK);
    queue(PACK, token("o-1"), "{\"order\": 1}", null, T0);
    poll("p-1", "worker-1", T0.plusSeconds(1));

    assertThat(accepted(replies().get("p-1"))).isEqualTo(json("{\"taskToken\": \"" + token("o-1").value() + "\", \"input\": \"{\\\"order\\\": 1}\"}"));
  }

  @Test
  void shouldHandATaskToThePollThatWaitedLongestAndEachTaskToOnePollOnly() {
    create(PACK);
    poll("p-1", "worker-1", T0);
    poll("p-2", "worker-2", T0.plusSeconds(1));
    assertThat(replies()).as("no task yet: the polls wait").isEmpty();

    queue(PACK, token("o-1"), "{}", null, T0.plusSeconds(2));
    assertThat(taskOf(replies().get("p-1"))).isEqualTo(token("o-1").value());
    queue(PACK, token("o-2"), "{}", null, T0.plusSeconds(3));
    queue(PACK, token("o-3"), "{}", null, T0.plusSeconds(4));
    var replies = replies();
    assertThat(replies.keySet()).containsExactly("p-2");
    assertThat(taskOf(replies.get("p-2"))).isEqualTo(token("o-2").value());

    poll("p-3", "worker-1", T0.plusSeconds(5));
    poll("p-4", "worker-2", T0.plusSeconds(6));
    replies = replies();
    assertThat(taskOf(replies.get("p-3"))).as("the task that waited in the queue").isEqualTo(token("o-3").value());
    assertThat(replies).doesNotContainKey("p-4");
  }

  @Test
  void shouldAnswerAPollWithNoTaskWhenItsHoldTimeEnds() {
    create(PACK);
    send("p-1", PACK, new GetActivityTaskCommand("worker-1", 5_000L), T0);
    harness.driver.advanceWallClockTime(Duration.ofSeconds(4));
    assertThat(replies()).isEmpty();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(accepted(replies().get("p-1"))).isEqualTo(json("{}"));

    queue(PACK, token("o-1"), "{}", null, T0.plusSeconds(7));
    assertThat(replies()).as("a poll that ended gets no task").isEmpty();
    poll("p-2", "worker-1", T0.plusSeconds(8));
    assertThat(taskOf(replies().get("p-2"))).isEqualTo(token("o-1").value());
  }

  @Test
  void shouldGiveAPollWhoseTimeEndedNoTaskWhenATaskComesBeforeThePunctuator() {
    create(PACK);
    send("p-1", PACK, new GetActivityTaskCommand("worker-1", 5_000L), T0);
    poll("p-2", "worker-2", T0.plusSeconds(1));
    queue(PACK, token("o-1"), "{}", null, T0.plusSeconds(6));

    var replies = replies();
    assertThat(accepted(replies.get("p-1"))).isEqualTo(json("{}"));
    assertThat(taskOf(replies.get("p-2"))).isEqualTo(token("o-1").value());
  }

  @Test
  void shouldReleaseAPollWhoseClientWentAwaySoThatTheNextPollGetsTheTask() {
    create(PACK);
    poll("p-1", "worker-1", T0);
    send("p-1/release", PACK, new ReleaseActivityPollCommand("p-1"), T0.plusSeconds(1));
    assertThat(accepted(replies().get("p-1"))).isEqualTo(json("{}"));
    send("p-1/release-again", PACK, new ReleaseActivityPollCommand("p-1"), T0.plusSeconds(1));
    assertThat(replies()).as("a poll answered is answered once").isEmpty();

    poll("p-2", "worker-2", T0.plusSeconds(2));
    queue(PACK, token("o-1"), "{}", null, T0.plusSeconds(3));
    assertThat(taskOf(replies().get("p-2"))).isEqualTo(token("o-1").value());
  }

  @Test
  void shouldPutATaskGivenBackAheadOfTheTasksQueued() {
    create(PACK);
    queue(PACK, token("o-2"), "{}", null, T0);
    send("p-1/return", PACK, new ReturnActivityTaskCommand(token("o-1").value(), "{}", null), T0.plusSeconds(1));
    poll("p-2", "worker-2", T0.plusSeconds(2));
    poll("p-3", "worker-2", T0.plusSeconds(3));

    var replies = replies();
    assertThat(taskOf(replies.get("p-2"))).isEqualTo(token("o-1").value());
    assertThat(taskOf(replies.get("p-3"))).isEqualTo(token("o-2").value());
  }

  @Test
  void shouldGiveATaskToTheFirstOfAPollAndAKafkaWorkersClaim() {
    create(PACK);
    queue(PACK, token("o-1"), "{}", null, T0);
    queue(PACK, token("o-2"), "{}", null, T0);
    send("claim-1", PACK, new ClaimActivityTaskCommand(token("o-1").value()), T0.plusSeconds(1));
    poll("p-1", "worker-1", T0.plusSeconds(2));
    send("claim-2", PACK, new ClaimActivityTaskCommand(token("o-2").value()), T0.plusSeconds(3));
    send("claim-3", PACK, new ClaimActivityTaskCommand(token("o-1").value()), T0.plusSeconds(4));

    var replies = replies();
    assertThat(accepted(replies.get("claim-1"))).isEqualTo(json("{}"));
    assertThat(taskOf(replies.get("p-1"))).as("the claimed task left the queue").isEqualTo(token("o-2").value());
    assertThat(rejected(replies.get("claim-2"))).startsWith("TaskDoesNotExist: ");
    assertThat(rejected(replies.get("claim-3"))).as("a task is claimed once").startsWith("TaskDoesNotExist: ");
  }

  @Test
  void shouldDropATaskWhoseTimeoutSecondsEndedWhileItWaited() {
    create(PACK);
    queue(PACK, token("o-1"), "{}", T0.plusSeconds(10).toEpochMilli(), T0);
    queue(PACK, token("o-2"), "{}", null, T0);
    poll("p-1", "worker-1", T0.plusSeconds(10));
    queue(PACK, token("o-3"), "{}", T0.plusSeconds(10).toEpochMilli(), T0.plusSeconds(20));
    poll("p-2", "worker-1", T0.plusSeconds(21));

    var replies = replies();
    assertThat(taskOf(replies.get("p-1"))).isEqualTo(token("o-2").value());
    assertThat(replies).as("a task queued after its time-out is not queued").doesNotContainKey("p-2");
  }

  @Test
  void shouldDeleteAnActivityWithItsQueueAndAnswerItsWaitingPolls() {
    create(PACK);
    queue(PACK, token("o-1"), "{}", null, T0);
    send("d-1", PACK, new DeleteActivityCommand(), T0.plusSeconds(1));
    send("d-2", PACK, new DeleteActivityCommand(), T0.plusSeconds(2));
    assertThat(accepted(replies().get("d-1"))).isEqualTo(json("{}"));
    assertThat(activities.readKeyValuesToList()).extracting(written -> written.value == null).as("the activity, then its tombstone")
        .containsExactly(false, true);

    create(PACK);
    poll("p-1", "worker-1", T0.plusSeconds(3));
    assertThat(replies()).as("the recreated activity's queue is empty").isEmpty();
    send("d-3", PACK, new DeleteActivityCommand(), T0.plusSeconds(4));
    var replies = replies();
    assertThat(rejected(replies.get("p-1"))).isEqualTo("ActivityDoesNotExist: Activity Does Not Exist: '" + PACK + "'");
    assertThat(accepted(replies.get("d-3"))).isEqualTo(json("{}"));
  }

  @Test
  void shouldSendTheTaskOfAnActivityAnExecutionSchedulesToTheActivitysQueue() {
    create(PACK);
    var execution = ARNS.stateMachine("parcels").execution("parcel-1");
    harness.send(start(execution, """
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30,
          "Parameters": {"parcel.$": "$.parcel"}, "End": true}}}""".formatted(PACK)), T0);
    poll("p-1", "worker-1", T0.plusSeconds(1));

    var task = accepted(replies().get("p-1"));
    var scheduled = harness.tasks.readValue();
    assertThat(task.get("taskToken").asText()).isEqualTo(scheduled.getTaskToken()).isEqualTo(TaskToken.of(execution, 3).value());
    assertThat(json(task.get("input").asText())).isEqualTo(json("{\"parcel\": 7}"));
    assertThat(task.get("timeoutAt").asLong()).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    assertThat(harness.fold(execution).lastEventId()).isEqualTo(3);
  }

  @Test
  void shouldFailATaskStateNamingAnActivityThatDoesNotExistWithStatesRuntime() {
    var execution = ARNS.stateMachine("parcels").execution("parcel-1");
    harness.send(start(execution, """
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(PACK)), T0);

    var events = harness.historySoFar().stream().map(record -> record.value()).toList();
    assertThat(events).extracting(event -> event.getType().name()).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
    assertThat(events.get(2).getDetails().toString()).contains("States.Runtime")
        .contains("An error occurred while executing the state 'Pack' (entered at the event id #2). The activity " + PACK + " does not exist.");
    assertThat(harness.internalCommands.isEmpty()).isTrue();
  }

  private static Command.StartExecution start(ExecutionArn execution, String definition) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    return new Command.StartExecution("start-" + execution.name(), execution, execution.stateMachine(), ExecutionType.STANDARD,
        parsed.definition(), "{\"parcel\": 7}", ROLE);
  }

  private void create(ActivityArn activity) {
    send("create-" + activity.name(), activity, CreateActivityCommand.newBuilder().setName(activity.name()).build(), T0);
    assertThat(accepted(replies().get("create-" + activity.name()))).isNotNull();
  }

  private void poll(String requestId, String workerName, Instant at) {
    send(requestId, PACK, new GetActivityTaskCommand(workerName, HOLD), at);
  }

  private void queue(ActivityArn activity, TaskToken token, String input, Long timeoutAt, Instant at) {
    send("activity-task/" + token.value(), activity, new QueueActivityTaskCommand(token.value(), input, timeoutAt), at);
  }

  private void send(String requestId, ActivityArn activity, Object command, Instant at) {
    send(requestId, activity.value(), command, at);
  }

  private void send(String requestId, String key, Object command, Instant at) {
    harness.send(CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(key).setCommand(command).build(), at);
  }

  private static TaskToken token(String execution) {
    return TaskToken.of(ARNS.stateMachine("parcels").execution(execution), 3);
  }

  /** The replies written since the last call, by request id. */
  private Map<String, ReplyRecord> replies() {
    var byRequest = new LinkedHashMap<String, ReplyRecord>();
    for (var reply : harness.replies.readValuesToList()) {
      assertThat(byRequest.put(reply.getRequestId(), reply)).as("one reply to " + reply.getRequestId()).isNull();
    }
    return byRequest;
  }

  private static JsonNode accepted(ReplyRecord reply) {
    assertThat(reply).isNotNull();
    assertThat(reply.getOutcome()).isInstanceOf(AcceptedReply.class);
    return json(((AcceptedReply) reply.getOutcome()).getData());
  }

  private static String rejected(ReplyRecord reply) {
    assertThat(reply).isNotNull();
    assertThat(reply.getOutcome()).isInstanceOf(RejectedReply.class);
    var rejected = (RejectedReply) reply.getOutcome();
    return rejected.getErrorType() + ": " + rejected.getMessage();
  }

  private static String taskOf(ReplyRecord reply) {
    return accepted(reply).path("taskToken").asText(null);
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
