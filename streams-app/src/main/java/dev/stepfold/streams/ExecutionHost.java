package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Outbound;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TimerChange;
import dev.stepfold.host.Host;
import dev.stepfold.engine.nested.NestedStart;
import dev.stepfold.tasks.TaskRouting;
import dev.stepfold.schemas.CommandRecord;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Host} of the Kafka topology, for the commands of one timestamp: executions are kept in the
 * {@link ExecutionStore} (their events also go to {@code stepfold.history}), commands to other executions, map runs
 * and activities go to the commands topic on their own keys, tasks to {@code stepfold.tasks} (or, routed to the server's
 * runners, to {@code stepfold.tasks.runners}; an activity task also to its activity's queue), timers to the
 * {@link TimerStore}, replies to {@code stepfold.replies}; an execution that closes is kept in the {@link RetentionStore}
 * for deletion after the retention period. All of it is written in the transaction of the command being processed.
 */
final class ExecutionHost implements Host {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionHost.class);

  /** What the host writes to, for one processor's task. */
  record Sinks(ProcessorContext<String, Object> context, ExecutionStore executions, TimerStore timers, AvroCodec codec, MapRunAvro mapRunAvro,
      ActivityCommands activities, StateMachineCommands stateMachines, RetentionStore retention, ProcessingObserver observer, boolean historyJson,
      TaskRouting taskRouting) {}

  private final Sinks sinks;
  private final long timestamp;

  ExecutionHost(Sinks sinks, long timestamp) {
    this.sinks = sinks;
    this.timestamp = timestamp;
  }

  @Override
  public ExecutionState load(ExecutionArn executionArn) {
    return sinks.executions().load(executionArn);
  }

  @Override
  public void store(ExecutionArn executionArn, Decision decision) {
    if (decision.restarted()) {
      sinks.executions().forget(executionArn);
    }
    var records = decision.events().stream().map(event -> sinks.codec().avro(executionArn, event)).toList();
    sinks.executions().append(executionArn, decision.events(), decision.execution());
    if (!decision.events().isEmpty() && decision.execution().status().isClosed()) {
      sinks.retention().closed(RetentionStore.Kind.EXECUTION, executionArn.value(), decision.execution().stopDate().orElseThrow());
    }
    for (var record : records) {
      forward(executionArn.value(), record, StepfoldTopology.HISTORY_SINK);
    }
    if (sinks.historyJson()) {
      decision.events().forEach(event -> forward(executionArn.value(), HistoryJson.toText(event), StepfoldTopology.HISTORY_JSON_SINK));
    }
    sinks.observer().eventsWritten(executionArn, decision.events());
    sinks.stateMachines().afterDecision(decision.execution(), timestamp);
  }

  @Override
  public void send(Command command) {
    send(sinks.codec().avro(command));
  }

  @Override
  public void send(String requestId, MapRunWork work) {
    send(sinks.mapRunAvro().mapRunWork(requestId, work));
  }

  @Override
  public void startChild(Outbound.StartChild child) {
    if (child.start() instanceof NestedStart.Start start) {
      send(sinks.codec().childStart(start));
    } else {
      send(((NestedStart.Refused) child.start()).report());
    }
  }

  @Override
  public void dispatch(TaskDispatch task) {
    forward(task.executionArn().value(), sinks.codec().avro(task),
        sinks.taskRouting().toRunners(task) ? StepfoldTopology.RUNNER_TASKS_SINK : StepfoldTopology.TASKS_SINK);
    if (task.resource() instanceof TaskResource.Activity) {
      sinks.activities().queue(task, timestamp);
    }
  }

  @Override
  public void timer(ExecutionArn executionArn, TimerChange change) {
    sinks.timers().apply(executionArn, List.of(change));
  }

  @Override
  public void reply(ExecutionArn executionArn, String requestId, Reply reply) {
    forward(executionArn.value(), sinks.codec().avro(requestId, executionArn, reply), StepfoldTopology.REPLIES_SINK);
  }

  @Override
  public void bug(Command command, RuntimeException bug) {
    LOG.error("Bug: {} {} of execution {} failed; it is answered with {} and changed nothing",
        command.getClass().getSimpleName(), command.requestId(), command.executionArn(), ExecutionProcessor.INTERNAL_FAILURE, bug);
  }

  private void send(CommandRecord command) {
    forward(command.getExecutionArn(), command, StateMachineAndMapRunNodes.COMMANDS_SINK);
  }

  private void forward(String key, Object value, String sink) {
    sinks.context().forward(new Record<String, Object>(key, value, timestamp), sink);
  }
}
