package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.json;
import static dev.stepfold.codec.AvroValues.jsonText;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.nested.NestedStart;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.engine.Reply;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.ScopePath;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.BulkRedriveReportReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.EventType;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.TaskIntegrationPattern;
import dev.stepfold.schemas.TaskKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's records ⇄ the Avro records on stepfold's topics: history events, commands, replies and task dispatches.
 * Payloads travel as compact JSON text, absent members as nulls, ARNs and tokens as their strings. Definitions travel as
 * their ASL JSON document and are read back with the {@link DefinitionReader} given.
 *
 * <p>Timestamps are kept to the millisecond, as on the wire of AWS and Kafka. JSON values come back as Jackson reads
 * their text, which does not say which Java type held a number: a {@code LongNode} holding 3 comes back as an
 * {@code IntNode}, equal as JSON but not by {@code equals}. Decoding a record that a newer writer
 * made with something this version does not know (an {@code UNKNOWN} symbol, a union branch or error name it lacks)
 * fails with an {@link IllegalStateException}; a record that is not what its schema promises (an invalid ARN, text that
 * is not JSON) fails with an {@link IllegalArgumentException}.
 */
public final class AvroCodec {
  private final EventDetailsAvro details;
  private final CommandAvro commands;

  public AvroCodec(DefinitionReader definitions) {
    Objects.requireNonNull(definitions, "definitions");
    this.details = new EventDetailsAvro(definitions);
    this.commands = new CommandAvro(definitions);
  }

  /** A codec that reads definitions with the ASL parser, remembering the last 256 it read. */
  public static AvroCodec parsingDefinitions() {
    return new AvroCodec(DefinitionReader.parsing().cached(256));
  }

  // history events

  public HistoryEventRecord avro(ExecutionArn executionArn, HistoryEvent event) {
    return HistoryEventRecord.newBuilder()
        .setExecutionArn(executionArn.value())
        .setId(event.id())
        .setPreviousEventId(event.previousEventId())
        .setTimestamp(event.timestamp())
        .setType(EventType.valueOf(event.type().awsName()))
        .setDetails(details.avro(event.details()))
        .setScope(event.scope().indexes())
        .build();
  }

  /** The event a record holds; its execution ARN is the record's {@code executionArn}. */
  public HistoryEvent event(HistoryEventRecord record) {
    var type = HistoryEventType.byAwsName(record.getType().name())
        .orElseThrow(() -> new IllegalStateException(
            "Expected a history event type this version knows, but got " + record.getType() + " in event " + record.getId()
                + " of " + record.getExecutionArn()));
    return new HistoryEvent(record.getId(), record.getPreviousEventId(), record.getTimestamp(), type, details.details(record.getDetails()),
        new ScopePath(record.getScope()));
  }

  // commands

  public CommandRecord avro(Command command) {
    return commands.avro(command);
  }

  /**
   * The StartExecution a parent's task sends its child: by state machine ARN (completed from the state machines like
   * any start by ARN), with the parent's task as its origin.
   */
  public CommandRecord childStart(NestedStart.Start start) {
    var command = StartExecutionCommand.newBuilder()
        .setStateMachineArn(start.stateMachineArn())
        .setExecutionType(null)
        .setDefinition(null)
        .setInput(start.input())
        .setRoleArn(null)
        .setParentTask(CommandAvro.parentTask(start.parent()))
        .build();
    return new CommandRecord(start.parent().taskToken().value() + "#start", start.executionArn().value(), command, true);
  }

  /** Who sent a command record: for a StartExecution or a RedriveExecution, what it names; a client otherwise. */
  public static Origin origin(CommandRecord record) {
    return CommandAvro.origin(record);
  }

  public Command command(CommandRecord record) {
    return commands.command(record);
  }

  // replies

  public ReplyRecord avro(String requestId, ExecutionArn executionArn, Reply reply) {
    return avro(requestId, executionArn.value(), reply);
  }

  /** The reply to a command keyed by another ARN than an execution's: a state machine's, a map run's. */
  public ReplyRecord avro(String requestId, String arn, Reply reply) {
    return ReplyRecord.newBuilder()
        .setRequestId(requestId)
        .setExecutionArn(arn)
        .setOutcome(outcome(reply))
        .build();
  }

  private static Object outcome(Reply reply) {
    if (reply instanceof Reply.Accepted accepted) {
      return new AcceptedReply(jsonText(accepted.data()));
    }
    if (reply instanceof Reply.Rejected rejected) {
      return new RejectedReply(rejected.error().awsName(), rejected.message(), rejected.reason().orElse(null));
    }
    throw new IllegalStateException("Expected a reply the Avro codec knows, but got " + reply.getClass().getName());
  }

  /** The reply a record holds; its request id and execution ARN are the record's. */
  public Reply reply(ReplyRecord record) {
    var outcome = record.getOutcome();
    if (outcome instanceof AcceptedReply accepted) {
      return new Reply.Accepted(json(accepted.getData(), "reply data"));
    }
    if (outcome instanceof RejectedReply rejected) {
      return new Reply.Rejected(apiError(rejected.getErrorType()), rejected.getMessage(), Optional.ofNullable(rejected.getReason()));
    }
    if (outcome instanceof BulkRedriveReportReply report) {
      return new Reply.Accepted(BulkRedriveAvro.json(report));
    }
    throw new IllegalStateException("Expected a reply record the Avro codec knows, but got " + outcome.getClass().getName());
  }

  private static ApiError apiError(String awsName) {
    for (var error : ApiError.values()) {
      if (error.awsName().equals(awsName)) {
        return error;
      }
    }
    throw new IllegalStateException("Expected an API error this version knows, but got '" + awsName + "'");
  }

  // task dispatches

  public TaskDispatchRecord avro(TaskDispatch task) {
    return TaskDispatchRecord.newBuilder()
        .setTaskToken(task.taskToken().value())
        .setExecutionArn(task.executionArn().value())
        .setStateName(task.stateName())
        .setScheduledEventId(task.scheduledEventId())
        .setKind(kind(task.resource()))
        .setResourceArn(task.resource().arn())
        .setResourceType(task.resource().resourceType())
        .setResource(task.resource().resourceName())
        .setPattern(pattern(task.resource().pattern()))
        .setPayload(jsonText(task.payload()))
        .setTimeoutSeconds(orNull(task.timeoutSeconds()))
        .setHeartbeatSeconds(orNull(task.heartbeatSeconds()))
        .build();
  }

  public TaskDispatch taskDispatch(TaskDispatchRecord record) {
    return new TaskDispatch(
        new TaskToken(record.getTaskToken()),
        new ExecutionArn(record.getExecutionArn()),
        record.getStateName(),
        record.getScheduledEventId(),
        resource(record),
        json(record.getPayload(), "task payload"),
        optional(record.getTimeoutSeconds()),
        optional(record.getHeartbeatSeconds()));
  }

  private static TaskKind kind(TaskResource resource) {
    if (resource instanceof TaskResource.LambdaFunction) {
      return TaskKind.LAMBDA_FUNCTION;
    }
    return resource instanceof TaskResource.Activity ? TaskKind.ACTIVITY : TaskKind.TASK;
  }

  /** The resource the record's ARN names; its kind, type, name and pattern follow from it. */
  private static TaskResource resource(TaskDispatchRecord record) {
    if (record.getKind() == TaskKind.UNKNOWN) {
      throw new IllegalStateException("Expected a task kind this version knows, but got UNKNOWN");
    }
    return TaskResource.recognize(record.getResourceArn()).orElseThrow(() -> new IllegalStateException(
        "Expected a task resource this version recognizes, but got '" + record.getResourceArn() + "'"));
  }

  /** The records' pattern has one value for {@code .sync} and {@code .sync:2}: the resource's name tells them apart. */
  private static TaskIntegrationPattern pattern(TaskResource.IntegrationPattern pattern) {
    return switch (pattern) {
      case REQUEST_RESPONSE -> TaskIntegrationPattern.REQUEST_RESPONSE;
      case SYNC, SYNC_2 -> TaskIntegrationPattern.RUN_JOB;
      case WAIT_FOR_TASK_TOKEN -> TaskIntegrationPattern.WAIT_FOR_TASK_TOKEN;
    };
  }
}
