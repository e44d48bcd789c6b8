package dev.stepfold.streams;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.maprun.MapRunDecider;
import dev.stepfold.maprun.MapRunDecision;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.MapRunChild;
import dev.stepfold.schemas.ReportChildOutcomeCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StartMapRunCommand;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A Distributed Map's map run as an entity of its own, keyed by its map run ARN on the commands topic and handled by
 * the execution processor's task that owns that key, one command at a time. Its {@link MapRunDecider} state is the fold
 * of its events in the {@link MapRunStore}. It starts its children as StartExecution commands on their own keys (at
 * most MaxConcurrency at a time: the decider starts the next only when one ends), stops them as StopExecution commands
 * when too many failed, and when it ends sends CompleteMapRun to its parent execution — everything a command causes
 * written in that command's transaction. Children report how they ended through {@link MapRunLinks}.
 *
 * <p>Commands to a map run are internal and get no reply. Each command becomes a {@link MapRunDecision}, and
 * {@link #apply} carries any decision out the same way, so a later command (a redrive of the map run) only needs a case
 * in {@link #handle} that asks the decider for its decision.
 */
final class MapRunCommands {
  private final MapRunDecider decider = new MapRunDecider();
  private final ProcessorContext<String, Object> context;
  private final MapRunStore mapRuns;
  private final MapRunAvro mapRunAvro;
  private final AvroCodec codec;

  MapRunCommands(ProcessorContext<String, Object> context, MapRunStore mapRuns, MapRunAvro mapRunAvro, AvroCodec codec) {
    this.context = context;
    this.mapRuns = mapRuns;
    this.mapRunAvro = mapRunAvro;
    this.codec = codec;
  }

  /** Handles a command to a map run; {@link IllegalArgumentException} when it cannot be one (a dead letter then). */
  void handle(CommandRecord avro, long timestamp) {
    var mapRunArn = new MapRunArn(avro.getExecutionArn());
    var mapRun = mapRuns.load(mapRunArn);
    var branch = avro.getCommand();
    MapRunDecision decision;
    if (branch instanceof StartMapRunCommand start) {
      if (mapRun.isPresent()) {
        return;   // a repeat: the map run started already
      }
      decision = decider.start(mapRunAvro.dispatch(mapRunArn, start));
    } else if (branch instanceof ReportChildOutcomeCommand report) {
      if (mapRun.isEmpty()) {
        throw new IllegalArgumentException("Expected map run " + mapRunArn + " of a child's report to have started, but it has not");
      }
      if (report.getIndex() < 0 || report.getIndex() >= mapRun.get().children().size()) {
        throw new IllegalArgumentException("Expected a child index of map run " + mapRunArn + " below " + mapRun.get().children().size()
            + ", but got " + report.getIndex());
      }
      decision = decider.childEnded(mapRun.get(), report.getIndex(), MapRunAvro.childOutcome(report));
    } else {
      throw new IllegalStateException("Expected a map run command, but got " + branch.getClass().getName());
    }
    apply(mapRunArn, decision, timestamp);
  }

  /** Stores the decision's events and sends its child starts, child stops and completion to the commands topic. */
  private void apply(MapRunArn mapRunArn, MapRunDecision decision, long timestamp) {
    mapRuns.append(mapRunArn, decision.events(), decision.mapRun());
    for (var child : decision.childStarts()) {
      var record = codec.avro(child.start());
      ((StartExecutionCommand) record.getCommand()).setMapRunChild(new MapRunChild(mapRunArn.value(), child.index()));
      send(record, timestamp);
    }
    for (var stop : decision.childStops()) {
      send(codec.avro(stop), timestamp);
    }
    decision.completion().ifPresent(completion -> send(codec.avro(completion), timestamp));
  }

  private void send(CommandRecord command, long timestamp) {
    context.forward(new Record<String, Object>(command.getExecutionArn(), command, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }
}
