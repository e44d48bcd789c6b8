package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.ClientConnection;
import dev.stepfold.api.CommandGateway;
import dev.stepfold.api.ErrorTypes;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.arn.ActivityArn;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.GetActivityTaskCommand;
import dev.stepfold.schemas.ReleaseActivityPollCommand;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.ReportTaskStartedCommand;
import dev.stepfold.schemas.ReturnActivityTaskCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GetActivityTask}, the workers' long poll: up to {@code stepfold.api.activity.poll.ms} (AWS: 60 s) for a task of
 * the activity, then {@code {}} (no {@code taskToken}), as AWS answers.
 *
 * <p>The poll is a GetActivityTask command keyed by the activity's ARN, with the HTTP request id as its request id;
 * the activity's entity ({@code ActivityCommands}) holds the activity's queue and its waiting polls on that one key, and
 * answers the poll exactly once: with the task it hands to it and to no other poll or worker, with no task when the
 * hold time has passed, or {@code ActivityDoesNotExist}. This request waits for that reply on this thread, probing its
 * client's connection every {@value #PROBE_MILLIS} ms ({@link ClientConnection}), and:
 * <ul>
 *   <li>when the client has gone (or no reply came in time), sends ReleaseActivityPoll and waits for the poll's one
 *       reply, which says whether a task was handed to it meanwhile; such a task, like one that comes while its client
 *       has gone, is sent back (ReturnActivityTask) to the head of the queue, for the next poll — nothing is lost, and no
 *       task is handed to a poller that has gone;
 *   <li>when a task came, reports it started to its execution (ReportTaskStarted with {@code workerName}: the
 *       execution records ActivityStarted) before answering; an execution that no longer waits on the task refuses
 *       ({@code TaskTimedOut}): the task is dropped and the poll goes on for the time that is left.
 * </ul>
 * Each waiting poll holds one of the API's threads ({@code stepfold.api.threads}). A client that goes away without its
 * connection closing (its network gone, or a proxy in between holding the connection) is not seen: a task handed to it
 * waits in its execution until its {@code HeartbeatSeconds} or {@code TimeoutSeconds} end, as on AWS.
 */
final class GetActivityTask implements Operation {
  private static final Logger LOG = LoggerFactory.getLogger(GetActivityTask.class);
  static final long PROBE_MILLIS = 100;
  private static final Duration PROBE = Duration.ofMillis(PROBE_MILLIS);
  /** The engine's answers to a start that say the task is over: its execution does not wait on it. */
  private static final Set<String> TASK_OVER = Set.of(ApiError.TASK_TIMED_OUT.awsName(), ApiError.EXECUTION_DOES_NOT_EXIST.awsName(),
      ApiError.INVALID_TOKEN.awsName());

  private final ApiServices services;

  GetActivityTask(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "GetActivityTask";
  }

  /** A task handed to the poll: its token and input, and when its TimeoutSeconds end (to give it back with). */
  private record Task(TaskToken token, String input, Long timeoutAt) {}

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var arn = ApiArns.activity(in.requiredArn("activityArn"));
    var workerName = in.optionalString("workerName", 1, Members.NAME_LENGTH);
    long deadline = System.nanoTime() + services.activityPoll().toNanos();
    for (int attempt = 0; ; attempt++) {
      var pollId = attempt == 0 ? request.requestId() : request.requestId() + "/poll-" + attempt;
      var hold = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      var task = poll(arn, pollId, workerName, hold, request.client());
      if (task.isEmpty()) {
        return Wire.object();
      }
      if (started(task.get(), pollId, workerName)) {
        if (request.client().gone()) {
          giveBack(arn, pollId, task.get());
          return Wire.object();
        }
        return Wire.object().put("taskToken", task.get().token().value()).put("input", task.get().input());
      }
      if (System.nanoTime() >= deadline || request.client().gone()) {
        return Wire.object();
      }
    }
  }

  /** One poll: the task handed to it, if one was and its client is still there to take it. */
  private Optional<Task> poll(ActivityArn arn, String pollId, Optional<String> workerName, Duration hold, ClientConnection client) {
    var gateway = services.commands();
    try (var pending = gateway.submit(command(arn, pollId, new GetActivityTaskCommand(workerName.orElse(null), hold.toMillis())))) {
      long giveUp = System.nanoTime() + hold.plus(gateway.timeout()).toNanos();
      Optional<ReplyRecord> reply = Optional.empty();
      while (reply.isEmpty() && !client.gone() && System.nanoTime() < giveUp) {
        reply = pending.await(PROBE);
      }
      if (reply.isEmpty()) {
        gateway.post(command(arn, pollId + "/release", new ReleaseActivityPollCommand(pollId)));
        reply = pending.await(gateway.timeout());
      }
      if (reply.isEmpty()) {
        throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "No answer to the poll " + pollId + " of " + arn + " within "
            + hold.plus(gateway.timeout().multipliedBy(2)).toMillis() + " ms; poll again");
      }
      var task = task(CommandGateway.accepted(reply.get()));
      if (task.isPresent() && client.gone()) {
        giveBack(arn, pollId, task.get());
        return Optional.empty();
      }
      return task;
    }
  }

  /**
   * Reports the task started to its execution; false when the execution refuses because it no longer waits on it. When
   * the engine's answer does not come, the task is handed out anyway: it may have been recorded started, and only this
   * worker can finish it.
   */
  private boolean started(Task task, String pollId, Optional<String> workerName) {
    var executionArn = task.token().executionArn();
    if (executionArn.isEmpty()) {
      throw new IllegalStateException("Expected the activity's queue to hold tokens stepfold made, but it handed out " + task.token());
    }
    try {
      services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(pollId + "/start")
          .setExecutionArn(executionArn.get().value())
          .setCommand(new ReportTaskStartedCommand(task.token().value(), workerName.orElse(null)))
          .build());
      return true;
    } catch (ApiException e) {
      if (TASK_OVER.contains(e.errorType())) {
        return false;
      }
      LOG.warn("Task {} was handed to poll {} but its start was not confirmed ({}): handed out anyway", task.token(), pollId, e.getMessage());
      return true;
    }
  }

  /** A task handed to a poll whose client has gone goes back to the head of the activity's queue. */
  private void giveBack(ActivityArn arn, String pollId, Task task) {
    try {
      services.commands().post(command(arn, pollId + "/return", new ReturnActivityTaskCommand(task.token().value(), task.input(),
          task.timeoutAt())));
    } catch (ApiException e) {
      LOG.error("Task {} of {} was handed to poll {}, whose client has gone, and could not be given back ({}): it waits in its execution "
          + "until its time-outs", task.token(), arn, pollId, e.getMessage());
    }
  }

  private static Optional<Task> task(JsonNode reply) {
    if (!reply.hasNonNull("taskToken")) {
      return Optional.empty();
    }
    var timeoutAt = reply.hasNonNull("timeoutAt") ? Long.valueOf(reply.get("timeoutAt").asLong()) : null;
    return Optional.of(new Task(new TaskToken(reply.get("taskToken").asText()), reply.get("input").asText(), timeoutAt));
  }

  private static CommandRecord command(ActivityArn arn, String requestId, Object command) {
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(arn.value()).setCommand(command).build();
  }
}
