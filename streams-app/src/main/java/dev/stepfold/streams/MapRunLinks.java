package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Reply;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.maprun.ChildOutcome;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The execution side of map runs, on the execution's task: a parent's decision that names map-run work (start, redrive,
 * abort a map run, or hand it a redrive of the parent to give back once it has closed) sends it as a command on the map
 * run's key; a child execution remembers its map run (the {@code map-run-children} store, child ARN →
 * {@code <index> <map run ARN>}) and, when a decision closes it, reports how it ended to the map run on the map run's
 * key. A child whose start is refused reports a failure with the API error, and a STANDARD child that refuses the map
 * run's redrive reports the refusal (R46), as the local runner does. An EXPRESS child the map run starts again after a
 * redrive (R47) runs afresh under its ARN: its earlier run is forgotten first.
 */
final class MapRunLinks {
  private static final Set<HistoryEventType> CLOSING = EnumSet.of(HistoryEventType.EXECUTION_SUCCEEDED, HistoryEventType.EXECUTION_FAILED,
      HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);

  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, String> children;
  private final ExecutionStore executions;
  private final MapRunAvro mapRunAvro;

  MapRunLinks(ProcessorContext<String, Object> context, KeyValueStore<String, String> children, ExecutionStore executions, MapRunAvro mapRunAvro) {
    this.context = context;
    this.children = children;
    this.executions = executions;
    this.mapRunAvro = mapRunAvro;
  }

  /**
   * Remembers the map run of a child's StartExecution, before the engine decides on it; a closed EXPRESS child the map
   * run starts again after a redrive is forgotten first, so that it starts afresh.
   */
  void rememberChild(CommandRecord command) {
    if (command.getCommand() instanceof StartExecutionCommand start && start.getMapRunChild() != null) {
      var child = start.getMapRunChild();
      children.put(command.getExecutionArn(), child.getIndex() + " " + child.getMapRunArn());
      var executionArn = new ExecutionArn(command.getExecutionArn());
      if (child.getRedriveCount() > 0 && ExecutionType.EXPRESS.name().equals(start.getExecutionType())
          && executions.load(executionArn).status().isClosed()) {
        executions.forget(executionArn);
      }
    }
  }

  /** Sends what a decision means to map runs: the map-run work it names, and the end of a child execution. */
  void afterDecision(Command command, Decision decision, long timestamp) {
    for (var work : decision.mapRuns()) {
      send(mapRunAvro.mapRunWork(requestId(work), work), timestamp);
    }
    var link = children.get(command.executionArn().value());
    if (link == null) {
      return;
    }
    var execution = decision.execution();
    int space = link.indexOf(' ');
    var mapRunArn = new MapRunArn(link.substring(space + 1));
    int index = Integer.parseInt(link.substring(0, space));
    ChildOutcome outcome;
    if (decision.reply() instanceof Reply.Rejected rejected) {
      if (command instanceof Command.RedriveExecution && command.requestId().startsWith(mapRunArn.value() + "#")) {
        send(MapRunAvro.reportChildRedriveRefused(command.requestId() + "#refused", mapRunArn, index, rejected.message()), timestamp);
        return;
      }
      if (!(command instanceof Command.StartExecution) || execution.status() != ExecutionStatus.NOT_STARTED) {
        return;
      }
      outcome = ChildOutcome.failed(rejected.error().awsName(), rejected.message());
    } else if (!decision.events().isEmpty() && CLOSING.contains(decision.events().get(decision.events().size() - 1).type())) {
      outcome = new ChildOutcome(execution.status(), execution.output(), execution.error(), execution.cause());
    } else {
      return;
    }
    send(MapRunAvro.reportChildOutcome(requestId(command.executionArn(), execution.lastEventId()), mapRunArn, index, outcome), timestamp);
  }

  /** The request id of map-run work: one per map run and kind of work (and redrive, for a redrive). */
  private static String requestId(MapRunWork work) {
    var mapRun = work.mapRunArn().value();
    if (work instanceof MapRunWork.Start) {
      return mapRun + "#start";
    } else if (work instanceof MapRunWork.Redrive redrive) {
      return mapRun + "#redrive-" + redrive.redriveCount();
    } else if (work instanceof MapRunWork.Abort) {
      return mapRun + "#abort";
    }
    return mapRun + "#parent-redrive#" + ((MapRunWork.RedriveParentWhenClosed) work).redrive().requestId();
  }

  private static String requestId(ExecutionArn child, long lastEventId) {
    return child.value() + "#ended#" + lastEventId;
  }

  private void send(CommandRecord command, long timestamp) {
    context.forward(new Record<String, Object>(command.getExecutionArn(), command, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }
}
