package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionStatus;
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
 * The execution side of map runs, on the execution's task: a parent's decision that starts map runs sends each a
 * StartMapRun command on the map run's key; a child execution remembers its map run (the {@code map-run-children}
 * store, child ARN → {@code <index> <map run ARN>}) and, when a decision closes it, reports how it ended to the map run
 * on the map run's key. A child whose start is refused reports a failure with the API error, as the local runner does.
 */
final class MapRunLinks {
  private static final Set<HistoryEventType> CLOSING = EnumSet.of(HistoryEventType.EXECUTION_SUCCEEDED, HistoryEventType.EXECUTION_FAILED,
      HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);

  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, String> children;
  private final MapRunAvro mapRunAvro;

  MapRunLinks(ProcessorContext<String, Object> context, KeyValueStore<String, String> children, MapRunAvro mapRunAvro) {
    this.context = context;
    this.children = children;
    this.mapRunAvro = mapRunAvro;
  }

  /** Remembers the map run of a child's StartExecution, before the engine decides on it. */
  void rememberChild(CommandRecord command) {
    if (command.getCommand() instanceof StartExecutionCommand start && start.getMapRunChild() != null) {
      var child = start.getMapRunChild();
      children.put(command.getExecutionArn(), child.getIndex() + " " + child.getMapRunArn());
    }
  }

  /** Sends what a decision means to map runs: the map runs it starts, and the end of a child execution. */
  void afterDecision(Command command, Decision decision, long timestamp) {
    for (var dispatch : decision.mapRuns()) {
      send(mapRunAvro.startMapRun(dispatch.mapRunArn().value() + "#start", dispatch), timestamp);
    }
    var link = children.get(command.executionArn().value());
    if (link == null) {
      return;
    }
    var execution = decision.execution();
    ChildOutcome outcome;
    if (decision.reply() instanceof Reply.Rejected rejected) {
      if (!(command instanceof Command.StartExecution) || execution.status() != ExecutionStatus.NOT_STARTED) {
        return;
      }
      outcome = ChildOutcome.failed(rejected.error().awsName(), rejected.message());
    } else if (!decision.events().isEmpty() && CLOSING.contains(decision.events().get(decision.events().size() - 1).type())) {
      outcome = new ChildOutcome(execution.status(), execution.output(), execution.error(), execution.cause());
    } else {
      return;
    }
    int space = link.indexOf(' ');
    var mapRunArn = new MapRunArn(link.substring(space + 1));
    send(MapRunAvro.reportChildOutcome(requestId(command.executionArn(), execution.lastEventId()), mapRunArn,
        Integer.parseInt(link.substring(0, space)), outcome), timestamp);
  }

  private static String requestId(ExecutionArn child, long lastEventId) {
    return child.value() + "#ended#" + lastEventId;
  }

  private void send(CommandRecord command, long timestamp) {
    context.forward(new Record<String, Object>(command.getExecutionArn(), command, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }
}
