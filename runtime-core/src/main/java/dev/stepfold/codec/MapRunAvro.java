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
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.maprun.ChildOutcome;
import dev.stepfold.maprun.MapRunEvent;
import dev.stepfold.maprun.MapRunStatus;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.MapRunChildEndedEvent;
import dev.stepfold.schemas.MapRunChildStartedEvent;
import dev.stepfold.schemas.MapRunEndedEvent;
import dev.stepfold.schemas.MapRunEventRecord;
import dev.stepfold.schemas.MapRunStartedEvent;
import dev.stepfold.schemas.ReportChildOutcomeCommand;
import dev.stepfold.schemas.StartMapRunCommand;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Map runs ⇄ Avro: the commands to a map run ({@link StartMapRunCommand} with its {@link MapRunDispatch},
 * {@link ReportChildOutcomeCommand} with a child's {@link ChildOutcome}), keyed by the map run's ARN in the envelope's
 * {@code executionArn}, and the map run's events ({@link MapRunEventRecord}) as its store keeps them.
 */
public final class MapRunAvro {
  private final DefinitionReader definitions;

  public MapRunAvro(DefinitionReader definitions) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
  }

  /** Whether the record is a command to a map run rather than to an execution or a state machine. */
  public static boolean isMapRunCommand(CommandRecord record) {
    return record.getCommand() instanceof StartMapRunCommand || record.getCommand() instanceof ReportChildOutcomeCommand;
  }

  // commands

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

  public static ChildOutcome childOutcome(ReportChildOutcomeCommand report) {
    return outcome(report.getStatus(), report.getOutput(), report.getError(), report.getCause());
  }

  // events

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
    } else {
      var ended = (MapRunEvent.Ended) event;
      branch = new MapRunEndedEvent(ended.status().name(), orNull(ended.error()), orNull(ended.cause()));
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

  private static ChildOutcome outcome(String status, String output, String error, String cause) {
    return new ChildOutcome(ExecutionStatus.valueOf(status), Optional.ofNullable(output).map(text -> json(text, "child output")),
        optional(error), optional(cause));
  }
}
