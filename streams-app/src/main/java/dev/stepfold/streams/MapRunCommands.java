package dev.stepfold.streams;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.maprun.MapRunDecider;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunDecision;
import dev.stepfold.schemas.AbortMapRunCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveMapRunCommand;
import dev.stepfold.schemas.RedriveParentWhenClosedCommand;
import dev.stepfold.schemas.ReportChildOutcomeCommand;
import dev.stepfold.schemas.ReportChildRedriveRefusedCommand;
import dev.stepfold.schemas.StartMapRunCommand;
import dev.stepfold.schemas.UpdateMapRunCommand;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.host.Interpreter;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A Distributed Map's map run as an entity of its own, keyed by its map run ARN on the commands topic and handled by
 * the execution processor's task that owns that key, one command at a time. Its {@link MapRunDecider} state is the fold
 * of its events in the {@link MapRunStore}. It starts its children as StartExecution commands on their own keys (at
 * most MaxConcurrency at a time: the decider starts the next only when one ends), stops them as StopExecution commands
 * when too many failed or the parent closed, and once it has closed — ended, and heard from every child it stopped
 * (R52) — sends CompleteMapRun to its parent execution; everything a command causes is written in that command's
 * transaction. Children report how they ended as the engine says (a {@code ChildEnded} map-run work of their decision).
 *
 * <p>A redrive of the parent redrives the map run: a STANDARD child that did not succeed gets a RedriveExecution on its
 * own key, an EXPRESS one a StartExecution of the same ARN again; a redrive of the parent that arrived while the map run
 * was closing goes back to the parent as its RedriveExecution once the map run has closed.
 *
 * <p>Commands to a map run are internal and get no reply, except UpdateMapRun (from the API): it changes a running map
 * run's MaxConcurrency and tolerated failures and is answered under its request id. Each command becomes a
 * {@link MapRunDecision}, and {@link #apply} carries any decision out the same way.
 */
final class MapRunCommands {
  private final MapRunDecider decider = new MapRunDecider();
  private final ProcessorContext<String, Object> context;
  private final MapRunStore mapRuns;
  private final MapRunAvro mapRunAvro;
  private final AvroCodec codec;
  private final LongFunction<Interpreter> interpreters;
  private final RetentionStore retention;

  MapRunCommands(ProcessorContext<String, Object> context, MapRunStore mapRuns, MapRunAvro mapRunAvro, AvroCodec codec,
      LongFunction<Interpreter> interpreters, RetentionStore retention) {
    this.context = context;
    this.interpreters = interpreters;
    this.mapRuns = mapRuns;
    this.mapRunAvro = mapRunAvro;
    this.codec = codec;
    this.retention = retention;
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
      int index = childIndex(mapRunArn, mapRun, report.getIndex(), "a child's report");
      decision = decider.childEnded(mapRun.get(), index, MapRunAvro.childOutcome(report));
    } else if (branch instanceof ReportChildRedriveRefusedCommand refused) {
      int index = childIndex(mapRunArn, mapRun, refused.getIndex(), "a child's refused redrive");
      decision = decider.childRedriveRefused(mapRun.get(), index, refused.getReason());
    } else if (branch instanceof RedriveMapRunCommand redrive) {
      decision = decider.redrive(started(mapRunArn, mapRun, "a redrive"), MapRunAvro.redrive(mapRunArn, redrive), Instant.ofEpochMilli(timestamp));
    } else if (branch instanceof AbortMapRunCommand) {
      decision = decider.abort(started(mapRunArn, mapRun, "an abort"));
    } else if (branch instanceof RedriveParentWhenClosedCommand waiting) {
      decision = decider.redriveParentWhenClosed(started(mapRunArn, mapRun, "a waiting redrive of its parent"), MapRunAvro.parentRedrive(waiting));
    } else if (branch instanceof UpdateMapRunCommand update) {
      if (mapRun.isEmpty()) {
        reply(avro, new Reply.Rejected(ApiError.RESOURCE_NOT_FOUND, "Resource not found: '" + mapRunArn + "'"), timestamp);
        return;
      }
      decision = decider.update(mapRun.get(), MapRunAvro.update(update));
    } else {
      throw new IllegalStateException("Expected a map run command, but got " + branch.getClass().getName());
    }
    apply(mapRunArn, decision, timestamp);
    decision.reply().ifPresent(reply -> reply(avro, reply, timestamp));
  }

  /** The reply to a command a caller waits on (UpdateMapRun), under its request id. */
  private void reply(CommandRecord command, Reply reply, long timestamp) {
    context.forward(new Record<String, Object>(command.getExecutionArn(), codec.avro(command.getRequestId(), command.getExecutionArn(), reply),
        timestamp), StepfoldTopology.REPLIES_SINK);
  }

  private static MapRun started(MapRunArn mapRunArn, Optional<MapRun> mapRun, String what) {
    return mapRun.orElseThrow(() -> new IllegalArgumentException("Expected map run " + mapRunArn + " of " + what + " to have started, but it has not"));
  }

  private static int childIndex(MapRunArn mapRunArn, Optional<MapRun> mapRun, int index, String what) {
    int children = started(mapRunArn, mapRun, what).children().size();
    if (index < 0 || index >= children) {
      throw new IllegalArgumentException("Expected a child index of map run " + mapRunArn + " below " + children + ", but got " + index);
    }
    return index;
  }

  /**
   * Stores the decision's events (a map run that closed is kept for deletion after the retention period); the
   * {@link Interpreter} sends its child starts, child redrives, child stops, completion and the parent's redrives it
   * held back to the commands topic.
   */
  private void apply(MapRunArn mapRunArn, MapRunDecision decision, long timestamp) {
    mapRuns.append(mapRunArn, decision.events(), decision.mapRun(), Instant.ofEpochMilli(timestamp));
    if (!decision.events().isEmpty() && decision.mapRun().closed()) {
      retention.closed(RetentionStore.Kind.MAP_RUN, mapRunArn.value(), Instant.ofEpochMilli(timestamp));
    }
    interpreters.apply(timestamp).carryOut(decision);
  }
}
