package dev.stepfold.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ActivityArn;
import dev.stepfold.arn.ResourceNames;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.ActivityRecord;
import dev.stepfold.schemas.ClaimActivityTaskCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CreateActivityCommand;
import dev.stepfold.schemas.DeleteActivityCommand;
import dev.stepfold.schemas.GetActivityTaskCommand;
import dev.stepfold.schemas.QueueActivityTaskCommand;
import dev.stepfold.schemas.ReleaseActivityPollCommand;
import dev.stepfold.schemas.ReturnActivityTaskCommand;
import dev.stepfold.schemas.TagResourceCommand;
import dev.stepfold.schemas.UntagResourceCommand;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.tags.Tag;
import dev.stepfold.tags.Tags;
import dev.stepfold.streams.ActivityQueue.Entry;
import dev.stepfold.streams.ActivityQueue.WaitingPoll;
import dev.stepfold.streams.ActivityQueue.WaitingTask;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An activity as an entity of its own, keyed by its activity ARN on the commands topic and handled by the execution
 * processor's task that owns that key, one command at a time: the activity itself (CreateActivity, DeleteActivity,
 * written to the {@code activities} store and to {@code stepfold.activities}, which every instance reads as the
 * directory of activities and which DescribeActivity, ListActivities and ListTagsForResource read; TagResource and
 * UntagResource keyed by the activity's ARN change its tags), the queue of its tasks that wait for a
 * worker, and the GetActivityTask polls that wait for a task ({@link ActivityQueue}).
 *
 * <h2>One task to exactly one taker</h2>
 * Every task an execution schedules for an activity reaches the activity's key as a QueueActivityTask, written in the
 * transaction of the decision that scheduled it (see {@link #afterDecision}); it is also on {@code stepfold.tasks}, as
 * every task is, for Kafka workers. A task leaves the queue in exactly one way, decided here, on this one key, in
 * command order:
 * <ul>
 *   <li>a GetActivityTask poll takes the first task of the queue (or, when none waits, the poll waits, and the next task
 *       queued goes to the first poll waiting): the poll is answered with the task, under the poll's request id;
 *   <li>a Kafka worker that read the task on {@code stepfold.tasks} claims it (ClaimActivityTask), and is answered
 *       accepted only when the task still waits in the queue;
 *   <li>the activity is deleted: its waiting tasks are dropped, and wait in their executions until their time-outs.
 * </ul>
 * So no two pollers, and no poller and Kafka worker, ever get the same task, on any number of instances: each command is
 * handled by the one task that owns the activity's key. Whoever got the task reports it started (ActivityStarted, with
 * its worker's name) to its execution. A task whose execution no longer waits on it (time-out, stop, redrive) is
 * dropped when it comes first and its TimeoutSeconds have ended; otherwise the API finds out when it reports the task
 * started, is refused {@code TaskTimedOut}, and polls again.
 *
 * <h2>Polls and their clients</h2>
 * A poll is the GetActivityTask command with the HTTP request id as its request id, and gets exactly one reply: a task,
 * or no task once its {@code holdMillis} have passed (a wall-clock punctuator ends due polls), or no task when its
 * client went away (ReleaseActivityPoll, sent by the API), or {@code ActivityDoesNotExist}. A task handed to a poll
 * whose client had gone before the answer could be written comes back as ReturnActivityTask, to the head of the queue,
 * for the next poll; it was never reported started.
 *
 * <p>A bug (an exception) is logged and answered {@code InternalFailure}; what it wrote stays (a store write cannot be
 * taken back mid-command), and the command's transaction commits it with the answer.
 */
final class ActivityCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityCommands.class);

  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, ActivityRecord> activities;
  private final ActivityQueue queue;
  private final AvroCodec codec;

  ActivityCommands(ProcessorContext<String, Object> context, AvroCodec codec, Duration pollsInterval) {
    this.context = context;
    this.activities = context.getStateStore(ActivityNodes.ACTIVITIES_STORE);
    this.queue = new ActivityQueue(context.getStateStore(ActivityNodes.ACTIVITY_TASKS_STORE),
        context.getStateStore(ActivityNodes.ACTIVITY_TASK_TOKENS_STORE), context.getStateStore(ActivityNodes.ACTIVITY_POLLS_STORE));
    this.codec = codec;
    context.schedule(pollsInterval, PunctuationType.WALL_CLOCK_TIME, this::endPolls);
  }

  /** Whether the record is a command to an activity rather than to an execution, a state machine or a map run. */
  static boolean isActivityCommand(CommandRecord record) {
    var command = record.getCommand();
    return StateMachineAvro.isTagCommand(record) && isActivityKey(record.getExecutionArn()) || command instanceof CreateActivityCommand || command instanceof DeleteActivityCommand || command instanceof GetActivityTaskCommand
        || command instanceof ReleaseActivityPollCommand || command instanceof QueueActivityTaskCommand
        || command instanceof ReturnActivityTaskCommand || command instanceof ClaimActivityTaskCommand;
  }

  void handle(CommandRecord avro, long timestamp) {
    var key = avro.getExecutionArn();
    try {
      var arn = activityArn(key);
      if (arn.isEmpty()) {
        reply(avro.getRequestId(), key, new Reply.Rejected(ApiError.INVALID_ARN, "Invalid Arn: '" + key + "'"), timestamp);
        return;
      }
      var branch = avro.getCommand();
      var activityArn = arn.get();
      var activity = Optional.ofNullable(activities.get(key));
      if (branch instanceof CreateActivityCommand create) {
        create(avro.getRequestId(), activityArn, activity, create, timestamp);
      } else if (branch instanceof DeleteActivityCommand) {
        delete(avro.getRequestId(), activityArn, activity, timestamp);
      } else if (branch instanceof GetActivityTaskCommand poll) {
        poll(avro.getRequestId(), activityArn, activity, poll, timestamp);
      } else if (branch instanceof ReleaseActivityPollCommand release) {
        release(activityArn, release, timestamp);
      } else if (branch instanceof QueueActivityTaskCommand task) {
        queue(activityArn, activity, new WaitingTask(task.getTaskToken(), task.getInput(), task.getTimeoutAt()), false, timestamp);
      } else if (branch instanceof ReturnActivityTaskCommand task) {
        queue(activityArn, activity, new WaitingTask(task.getTaskToken(), task.getInput(), task.getTimeoutAt()), true, timestamp);
      } else if (branch instanceof ClaimActivityTaskCommand claim) {
        claim(avro.getRequestId(), activityArn, claim, timestamp);
      } else if (branch instanceof TagResourceCommand tag) {
        tag(avro.getRequestId(), activityArn, activity, tag, timestamp);
      } else if (branch instanceof UntagResourceCommand untag) {
        untag(avro.getRequestId(), activityArn, activity, untag, timestamp);
      }
    } catch (RuntimeException bug) {
      LOG.error("Bug: {} {} of activity {} failed; it is answered with {}", avro.getCommand().getClass().getSimpleName(), avro.getRequestId(),
          key, ApiError.INTERNAL_FAILURE.awsName(), bug);
      reply(avro.getRequestId(), key, new Reply.Rejected(ApiError.INTERNAL_FAILURE,
          "An internal error occurred while processing the request: " + bug.getMessage()), timestamp);
    }
  }

  /** Whether a key is an activity's ARN by its resource type ({@code arn:<partition>:states:<region>:<account>:activity:...}). */
  private static boolean isActivityKey(String key) {
    var parts = key == null ? new String[0] : key.split(":", -1);
    return parts.length >= 6 && parts[5].equals("activity");
  }

  /** The activity ARN a command is keyed by: {@code arn:<partition>:states:<region>:<account>:activity:<name>}, nothing after. */
  private static Optional<ActivityArn> activityArn(String key) {
    try {
      return key != null && key.split(":", -1).length == 7 ? Optional.of(new ActivityArn(key)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * An activity task an execution's decision scheduled goes to its activity's queue, as a QueueActivityTask keyed by the
   * activity's ARN, in the decision's transaction.
   */
  void queue(TaskDispatch task, long timestamp) {
    var timeoutAt = task.timeoutSeconds().isPresent() ? Long.valueOf(timestamp + task.timeoutSeconds().getAsLong() * 1000) : null;
    var command = CommandRecord.newBuilder()
        .setRequestId("activity-task/" + task.taskToken().value())
        .setExecutionArn(task.resource().arn())
        .setCommand(new QueueActivityTaskCommand(task.taskToken().value(), codec.avro(task).getPayload(), timeoutAt))
        .build();
    context.forward(new Record<String, Object>(task.resource().arn(), command, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }

  /** A repeated create answers as the first did (AWS: idempotent), tags and all. */
  private void create(String requestId, ActivityArn arn, Optional<ActivityRecord> existing, CreateActivityCommand create, long timestamp) {
    if (!ResourceNames.isValid(create.getName())) {
      reply(requestId, arn.value(), new Reply.Rejected(ApiError.INVALID_NAME, "Invalid Name: '" + create.getName() + "'"), timestamp);
      return;
    }
    if (!arn.name().equals(create.getName())) {
      reply(requestId, arn.value(), new Reply.Rejected(ApiError.INVALID_ARN,
          "Invalid Arn: 'Expected the ARN of activity " + create.getName() + ", but got " + arn + "'"), timestamp);
      return;
    }
    var activity = existing.orElseGet(() -> {
      var created = new ActivityRecord(arn.value(), create.getName(), Instant.ofEpochMilli(timestamp), create.getTags());
      activities.put(arn.value(), created);
      context.forward(new Record<String, Object>(arn.value(), created, timestamp), ActivityNodes.ACTIVITIES_SINK);
      return created;
    });
    var data = JsonNodeFactory.instance.objectNode()
        .put("activityArn", activity.getActivityArn())
        .put("creationDate", HistoryJson.epochSeconds(activity.getCreationDate()));
    reply(requestId, arn.value(), new Reply.Accepted(data), timestamp);
  }

  /** Deleting an activity that does not exist answers as deleting it did (AWS). */
  private void delete(String requestId, ActivityArn arn, Optional<ActivityRecord> existing, long timestamp) {
    if (existing.isPresent()) {
      activities.delete(arn.value());
      context.forward(new Record<String, Object>(arn.value(), null, timestamp), ActivityNodes.ACTIVITIES_SINK);
      int dropped = queue.removeTasks(arn.value());
      if (dropped > 0) {
        LOG.info("Activity {} deleted with {} tasks waiting: they wait in their executions until their time-outs", arn, dropped);
      }
      for (var poll : queue.polls(arn.value())) {
        queue.removePoll(poll);
        reply(poll.value().requestId(), arn.value(), doesNotExist(arn), timestamp);
      }
    }
    reply(requestId, arn.value(), new Reply.Accepted(JsonNodeFactory.instance.objectNode()), timestamp);
  }

  /** TagResource of an activity: AWS's rules ({@link Tags}), the activity written again with its new tags. */
  private void tag(String requestId, ActivityArn arn, Optional<ActivityRecord> activity, TagResourceCommand tag, long timestamp) {
    if (activity.isEmpty()) {
      reply(requestId, arn.value(), resourceNotFound(arn), timestamp);
      return;
    }
    var added = tag.getTags().stream().map(resourceTag -> new Tag(resourceTag.getKey(), resourceTag.getValue())).toList();
    var outcome = ActivityReads.tags(activity.get()).tag(arn.value(), added);
    if (outcome instanceof Tags.Outcome.Refused refused) {
      reply(requestId, arn.value(), new Reply.Rejected(refused.error(), refused.message()), timestamp);
      return;
    }
    retag(requestId, activity.get(), ((Tags.Outcome.Changed) outcome).tags(), timestamp);
  }

  /** UntagResource of an activity: keys it does not have are ignored, as AWS does. */
  private void untag(String requestId, ActivityArn arn, Optional<ActivityRecord> activity, UntagResourceCommand untag, long timestamp) {
    if (activity.isEmpty()) {
      reply(requestId, arn.value(), resourceNotFound(arn), timestamp);
      return;
    }
    retag(requestId, activity.get(), ActivityReads.tags(activity.get()).untag(untag.getTagKeys()), timestamp);
  }

  private void retag(String requestId, ActivityRecord activity, Tags tags, long timestamp) {
    var byKey = new LinkedHashMap<String, String>();
    tags.list().forEach(tag -> byKey.put(tag.key(), tag.value()));
    var tagged = ActivityRecord.newBuilder(activity).setTags(byKey).build();
    activities.put(tagged.getActivityArn(), tagged);
    context.forward(new Record<String, Object>(tagged.getActivityArn(), tagged, timestamp), ActivityNodes.ACTIVITIES_SINK);
    reply(requestId, tagged.getActivityArn(), new Reply.Accepted(JsonNodeFactory.instance.objectNode()), timestamp);
  }

  private static Reply resourceNotFound(ActivityArn arn) {
    return new Reply.Rejected(ApiError.RESOURCE_NOT_FOUND, StateMachineDecider.resourceNotFoundMessage(arn.value()));
  }

  private void poll(String requestId, ActivityArn arn, Optional<ActivityRecord> activity, GetActivityTaskCommand poll, long timestamp) {
    if (activity.isEmpty()) {
      reply(requestId, arn.value(), doesNotExist(arn), timestamp);
      return;
    }
    var task = firstLiveTask(arn, timestamp);
    if (task.isPresent()) {
      queue.removeTask(task.get());
      reply(requestId, arn.value(), assigned(task.get().value()), timestamp);
      return;
    }
    queue.addPoll(arn.value(), new WaitingPoll(requestId, poll.getWorkerName(), timestamp + poll.getHoldMillis()), sequence());
  }

  /** The first waiting task whose TimeoutSeconds have not ended; those that have are dropped on the way. */
  private Optional<Entry<WaitingTask>> firstLiveTask(ActivityArn arn, long now) {
    while (true) {
      var first = queue.firstTask(arn.value());
      if (first.isEmpty() || !first.get().value().timedOutAt(now)) {
        return first;
      }
      queue.removeTask(first.get());
    }
  }

  private void release(ActivityArn arn, ReleaseActivityPollCommand release, long timestamp) {
    for (var poll : queue.polls(arn.value())) {
      if (poll.value().requestId().equals(release.getPollRequestId())) {
        queue.removePoll(poll);
        reply(poll.value().requestId(), arn.value(), noTask(), timestamp);
      }
    }
  }

  /** A task scheduled or given back goes to the first poll still waiting, or waits in the queue. */
  private void queue(ActivityArn arn, Optional<ActivityRecord> activity, WaitingTask task, boolean returned, long timestamp) {
    if (activity.isEmpty()) {
      LOG.warn("A task of activity {} came while the activity does not exist; it waits in its execution until its time-outs", arn);
      return;
    }
    if (task.timedOutAt(timestamp)) {
      return;
    }
    for (var poll : queue.polls(arn.value())) {
      queue.removePoll(poll);
      if (poll.value().expiresAt() > timestamp) {
        reply(poll.value().requestId(), arn.value(), assigned(task), timestamp);
        return;
      }
      reply(poll.value().requestId(), arn.value(), noTask(), timestamp);
    }
    queue.addTask(arn.value(), task, sequence(), returned);
  }

  /** A Kafka worker takes the task only while it waits in the queue. */
  private void claim(String requestId, ActivityArn arn, ClaimActivityTaskCommand claim, long timestamp) {
    var task = queue.task(claim.getTaskToken()).filter(found -> ActivityQueue.activityArn(found.key()).equals(arn.value()));
    if (task.isEmpty()) {
      reply(requestId, arn.value(), new Reply.Rejected(ApiError.TASK_DOES_NOT_EXIST,
          "Task Does Not Exist: the task is not waiting in the queue of " + arn + ": another worker took it, or it ended"), timestamp);
      return;
    }
    queue.removeTask(task.get());
    reply(requestId, arn.value(), new Reply.Accepted(JsonNodeFactory.instance.objectNode()), timestamp);
  }

  /** Answers every poll whose time has ended with no task. */
  private void endPolls(long wallClockTime) {
    for (var poll : queue.pollsEndedAt(wallClockTime)) {
      queue.removePoll(poll);
      reply(poll.value().requestId(), ActivityQueue.activityArn(poll.key()), noTask(), wallClockTime);
    }
  }

  /** The offset of the command being handled: it orders the entries it adds. */
  private long sequence() {
    return context.recordMetadata().map(RecordMetadata::offset)
        .orElseThrow(() -> new IllegalStateException("Expected a command record being handled, but there is none"));
  }

  private Reply assigned(WaitingTask task) {
    var data = JsonNodeFactory.instance.objectNode().put("taskToken", task.taskToken()).put("input", task.input());
    if (task.timeoutAt() != null) {
      data.put("timeoutAt", task.timeoutAt());
    }
    return new Reply.Accepted(data);
  }

  private static Reply noTask() {
    return new Reply.Accepted(JsonNodeFactory.instance.objectNode());
  }

  private static Reply doesNotExist(ActivityArn arn) {
    return new Reply.Rejected(ApiError.ACTIVITY_DOES_NOT_EXIST, "Activity Does Not Exist: '" + arn + "'");
  }

  private void reply(String requestId, String activityArn, Reply reply, long timestamp) {
    context.forward(new Record<String, Object>(activityArn, codec.avro(requestId, activityArn, reply), timestamp), StepfoldTopology.REPLIES_SINK);
  }
}
