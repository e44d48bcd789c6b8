package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.executionType;
import static dev.stepfold.codec.AvroValues.json;
import static dev.stepfold.codec.AvroValues.jsonText;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.maprun.MapRunEvent;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.schemas.AbortMapRunCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.MapRunChildEndedEvent;
import dev.stepfold.schemas.MapRunChildRedriveRefusedEvent;
import dev.stepfold.schemas.MapRunChildStartedEvent;
import dev.stepfold.schemas.MapRunEndedEvent;
import dev.stepfold.schemas.MapRunEventRecord;
import dev.stepfold.schemas.MapRunParentRedriveWaitingEvent;
import dev.stepfold.schemas.MapRunRedrivenEvent;
import dev.stepfold.schemas.MapRunStartedEvent;
import dev.stepfold.schemas.RedriveMapRunCommand;
import dev.stepfold.schemas.RedriveParentWhenClosedCommand;
import dev.stepfold.schemas.ReportChildOutcomeCommand;
import dev.stepfold.schemas.ReportChildRedriveRefusedCommand;
import dev.stepfold.schemas.StartMapRunCommand;
import dev.stepfold.schemas.UpdateMapRunCommand;
import dev.stepfold.schemas.WaitingRedriveParentTask;
import dev.stepfold.schemas.MapRunUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Map runs ⇄ Avro: the commands to a map run (the {@link MapRunWork} of its parent's decisions — {@link StartMapRunCommand}
 * with its {@link MapRunDispatch}, {@link RedriveMapRunCommand}, {@link AbortMapRunCommand},
 * {@link RedriveParentWhenClosedCommand} — and its children's reports, {@link ReportChildOutcomeCommand} with a child's
 * {@link ChildOutcome} and {@link ReportChildRedriveRefusedCommand}), keyed by the map run's ARN in the envelope's
 * {@code executionArn}, and the map run's events ({@link MapRunEventRecord}) as its store keeps them.
 */
public final class MapRunAvro {
  private final DefinitionReader definitions;

  public MapRunAvro(DefinitionReader definitions) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
  }

  /** Whether the record is a command to a map run rather than to an execution or a state machine. */
  public static boolean isMapRunCommand(CommandRecord record) {
    var command = record.getCommand();
    return command instanceof StartMapRunCommand || command instanceof ReportChildOutcomeCommand || command instanceof RedriveMapRunCommand
        || command instanceof AbortMapRunCommand || command instanceof RedriveParentWhenClosedCommand
        || command instanceof ReportChildRedriveRefusedCommand || command instanceof UpdateMapRunCommand;
  }

  // commands

  /** The command that asks the map run for the work a decision named: a parent's, or a child's report. */
  public CommandRecord mapRunWork(String requestId, MapRunWork work) {
    Object command;
    if (work instanceof MapRunWork.Start start) {
      return startMapRun(requestId, start.dispatch());
    } else if (work instanceof MapRunWork.Redrive redrive) {
      command = new RedriveMapRunCommand(redrive.parentExecutionArn().value(), redrive.redriveCount());
    } else if (work instanceof MapRunWork.Abort abort) {
      command = new AbortMapRunCommand(abort.parentExecutionArn().value());
    } else if (work instanceof MapRunWork.ChildEnded ended) {
      return reportChildOutcome(requestId, ended.mapRunArn(), ended.index(), ended.outcome());
    } else if (work instanceof MapRunWork.ChildRedriveRefused refused) {
      return reportChildRedriveRefused(requestId, refused.mapRunArn(), refused.index(), refused.reason());
    } else {
      var redrive = ((MapRunWork.RedriveParentWhenClosed) work).redrive();
      command = new RedriveParentWhenClosedCommand(redrive.requestId(), redrive.executionArn().value(), orNull(redrive.clientToken()),
          redrive.origin() instanceof Origin.ParentTask parent ? CommandAvro.parentTask(parent) : null);
    }
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(work.mapRunArn().value()).setCommand(command).build();
  }

  public static MapRunWork.Redrive redrive(MapRunArn mapRunArn, RedriveMapRunCommand redrive) {
    return new MapRunWork.Redrive(mapRunArn, new ExecutionArn(redrive.getParentExecutionArn()), redrive.getRedriveCount());
  }

  public static Command.RedriveExecution parentRedrive(RedriveParentWhenClosedCommand waiting) {
    var origin = waiting.getParentTask() == null ? Origin.CLIENT : CommandAvro.origin(waiting.getParentTask());
    return parentRedrive(waiting.getRedriveRequestId(), waiting.getParentExecutionArn(), waiting.getClientToken(), origin);
  }

  public CommandRecord startMapRun(String requestId, MapRunDispatch dispatch) {
    var start = new StartMapRunCommand();
    writeDispatch(start, dispatch);
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(dispatch.mapRunArn().value()).setCommand(start).build();
  }

  public MapRunDispatch dispatch(MapRunArn mapRunArn, StartMapRunCommand start) {
    return readDispatch(mapRunArn, start);
  }

  public static CommandRecord reportChildOutcome(String requestId, MapRunArn mapRunArn, int index, ChildOutcome outcome) {
    var report = ReportChildOutcomeCommand.newBuilder()
        .setIndex(index)
        .setStatus(outcome.status().name())
        .setOutput(outcome.output().map(AvroValues::jsonText).orElse(null))
        .setError(orNull(outcome.error()))
        .setCause(orNull(outcome.cause()))
        .build();
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(mapRunArn.value()).setCommand(report).build();
  }

  public static CommandRecord reportChildRedriveRefused(String requestId, MapRunArn mapRunArn, int index, String reason) {
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(mapRunArn.value())
        .setCommand(new ReportChildRedriveRefusedCommand(index, reason)).build();
  }

  /** UpdateMapRun, as the event it records. */
  public static CommandRecord updateMapRun(String requestId, MapRunArn mapRunArn, MapRunEvent.Updated update) {
    var command = UpdateMapRunCommand.newBuilder()
        .setMaxConcurrency(update.maxConcurrency().isPresent() ? update.maxConcurrency().getAsInt() : null)
        .setToleratedFailureCount(orNull(update.toleratedFailureCount()))
        .setToleratedFailurePercentage(update.toleratedFailurePercentage().isPresent() ? update.toleratedFailurePercentage().getAsDouble() : null)
        .build();
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(mapRunArn.value()).setCommand(command).build();
  }

  public static MapRunEvent.Updated update(UpdateMapRunCommand update) {
    return updated(update.getMaxConcurrency(), update.getToleratedFailureCount(), update.getToleratedFailurePercentage());
  }

  private static MapRunEvent.Updated updated(Integer maxConcurrency, Long toleratedFailureCount, Double toleratedFailurePercentage) {
    return new MapRunEvent.Updated(maxConcurrency == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrency), optional(toleratedFailureCount),
        toleratedFailurePercentage == null ? OptionalDouble.empty() : OptionalDouble.of(toleratedFailurePercentage));
  }

  public static ChildOutcome childOutcome(ReportChildOutcomeCommand report) {
    return outcome(report.getStatus(), report.getOutput(), report.getError(), report.getCause());
  }

  // events

  /** The event as the map-runs store keeps it, with when it happened. */
  public MapRunEventRecord avro(MapRunArn mapRunArn, MapRunEvent event, Instant timestamp) {
    var record = avro(mapRunArn, event);
    record.setTimestamp(timestamp.toEpochMilli());
    return record;
  }

  public MapRunEventRecord avro(MapRunArn mapRunArn, MapRunEvent event) {
    Object branch;
    if (event instanceof MapRunEvent.Started started) {
      var avro = new MapRunStartedEvent();
      writeDispatch(avro, started.dispatch());
      branch = avro;
    } else if (event instanceof MapRunEvent.ChildStarted childStarted) {
      branch = new MapRunChildStartedEvent(childStarted.index());
    } else if (event instanceof MapRunEvent.ChildEnded ended) {
      var outcome = ended.outcome();
      branch = new MapRunChildEndedEvent(ended.index(), outcome.status().name(), outcome.output().map(AvroValues::jsonText).orElse(null),
          orNull(outcome.error()), orNull(outcome.cause()));
    } else if (event instanceof MapRunEvent.Ended ended) {
      branch = new MapRunEndedEvent(ended.status().name(), orNull(ended.error()), orNull(ended.cause()));
    } else if (event instanceof MapRunEvent.Redriven redriven) {
      branch = new MapRunRedrivenEvent(redriven.redriveCount(), redriven.redriveDate().toEpochMilli());
    } else if (event instanceof MapRunEvent.ChildRedriveRefused refused) {
      branch = new MapRunChildRedriveRefusedEvent(refused.index(), refused.reason());
    } else if (event instanceof MapRunEvent.Updated updated) {
      branch = new MapRunUpdatedEvent(updated.maxConcurrency().isPresent() ? updated.maxConcurrency().getAsInt() : null,
          orNull(updated.toleratedFailureCount()),
          updated.toleratedFailurePercentage().isPresent() ? updated.toleratedFailurePercentage().getAsDouble() : null);
    } else {
      var redrive = ((MapRunEvent.ParentRedriveWaiting) event).redrive();
      branch = new MapRunParentRedriveWaitingEvent(redrive.requestId(), redrive.executionArn().value(), orNull(redrive.clientToken()),
          redrive.origin() instanceof Origin.ParentTask parent ? waitingParentTask(parent) : null);
    }
    return MapRunEventRecord.newBuilder().setMapRunArn(mapRunArn.value()).setEvent(branch).build();
  }

  public MapRunEvent event(MapRunEventRecord record) {
    var branch = record.getEvent();
    if (branch instanceof MapRunStartedEvent started) {
      return new MapRunEvent.Started(readDispatch(new MapRunArn(record.getMapRunArn()), started));
    }
    if (branch instanceof MapRunChildStartedEvent childStarted) {
      return new MapRunEvent.ChildStarted(childStarted.getIndex());
    }
    if (branch instanceof MapRunChildEndedEvent ended) {
      return new MapRunEvent.ChildEnded(ended.getIndex(), outcome(ended.getStatus(), ended.getOutput(), ended.getError(), ended.getCause()));
    }
    if (branch instanceof MapRunEndedEvent ended) {
      return new MapRunEvent.Ended(MapRunStatus.valueOf(ended.getStatus()), optional(ended.getError()), optional(ended.getCause()));
    }
    if (branch instanceof MapRunRedrivenEvent redriven) {
      return new MapRunEvent.Redriven(redriven.getRedriveCount(), Instant.ofEpochMilli(redriven.getRedriveDate()));
    }
    if (branch instanceof MapRunChildRedriveRefusedEvent refused) {
      return new MapRunEvent.ChildRedriveRefused(refused.getIndex(), refused.getReason());
    }
    if (branch instanceof MapRunUpdatedEvent updated) {
      return updated(updated.getMaxConcurrency(), updated.getToleratedFailureCount(), updated.getToleratedFailurePercentage());
    }
    if (branch instanceof MapRunParentRedriveWaitingEvent waiting) {
      return new MapRunEvent.ParentRedriveWaiting(parentRedrive(waiting.getRedriveRequestId(), waiting.getParentExecutionArn(),
          waiting.getClientToken(), waiting.getParentTask() == null ? Origin.CLIENT : origin(waiting.getParentTask())));
    }
    throw new IllegalStateException("Expected a map run event this version knows, but got " + branch.getClass().getName());
  }

  // StartMapRunCommand and MapRunStartedEvent have the same fields, written and read by name.

  private static void writeDispatch(SpecificRecordBase avro, MapRunDispatch dispatch) {
    var items = JsonNodeFactory.instance.arrayNode();
    dispatch.items().forEach(items::add);
    avro.put("parentExecutionArn", dispatch.parentExecutionArn().value());
    avro.put("stateName", dispatch.stateName());
    avro.put("items", jsonText(items));
    avro.put("childDefinition", jsonText(dispatch.childDefinition().document()));
    avro.put("childExecutionType", dispatch.childExecutionType().name());
    avro.put("maxConcurrency", dispatch.maxConcurrency());
    avro.put("toleratedFailureCount", orNull(dispatch.toleratedFailureCount()));
    avro.put("toleratedFailurePercentage",
        dispatch.toleratedFailurePercentage().isPresent() ? dispatch.toleratedFailurePercentage().getAsDouble() : null);
    avro.put("roleArn", dispatch.roleArn());
  }

  private MapRunDispatch readDispatch(MapRunArn mapRunArn, SpecificRecordBase avro) {
    var childExecutionType = executionType((String) avro.get("childExecutionType"));
    var items = new ArrayList<JsonNode>();
    json((String) avro.get("items"), "map run items").forEach(items::add);
    var percentage = (Double) avro.get("toleratedFailurePercentage");
    return new MapRunDispatch(
        mapRunArn,
        new ExecutionArn((String) avro.get("parentExecutionArn")),
        (String) avro.get("stateName"),
        items,
        definitions.read((String) avro.get("childDefinition"), childExecutionType),
        childExecutionType,
        (Integer) avro.get("maxConcurrency"),
        optional((Long) avro.get("toleratedFailureCount")),
        percentage == null ? OptionalDouble.empty() : OptionalDouble.of(percentage),
        (String) avro.get("roleArn"));
  }

  private static Command.RedriveExecution parentRedrive(String requestId, String parentExecutionArn, String clientToken, Origin origin) {
    return new Command.RedriveExecution(requestId, new ExecutionArn(parentExecutionArn), optional(clientToken), origin);
  }

  // A waiting redrive keeps the parent task it came from, so the redriven execution still reports to it.

  private static WaitingRedriveParentTask waitingParentTask(Origin.ParentTask parent) {
    return new WaitingRedriveParentTask(parent.executionArn().value(), parent.taskToken().value(),
        CommandAvro.startExecution(parent.pattern()));
  }

  private static Origin origin(WaitingRedriveParentTask parent) {
    return new Origin.ParentTask(new ExecutionArn(parent.getExecutionArn()), new TaskToken(parent.getTaskToken()),
        CommandAvro.startExecutionPattern(parent.getResource()));
  }

  private static ChildOutcome outcome(String status, String output, String error, String cause) {
    return new ChildOutcome(ExecutionStatus.valueOf(status), Optional.ofNullable(output).map(text -> json(text, "child output")),
        optional(error), optional(cause));
  }
}
