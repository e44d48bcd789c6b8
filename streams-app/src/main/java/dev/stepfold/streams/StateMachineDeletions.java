package dev.stepfold.streams;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StateMachineExecutionsEndedCommand;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A deletion's watch in one partition: a DELETING state machine asks every partition whether executions of it still run
 * there (CheckStateMachineExecutions, sent to the partition). The task that owns the partition looks at the state
 * machine's executions it holds; when none runs it answers StateMachineExecutionsEnded at once, otherwise it keeps a
 * watch (the {@code state-machine-deletions} store, changelogged) and looks again each time an execution of that state
 * machine closes here, answering once none runs. A start refused because the state machine is DELETING adds none; one
 * that slipped past a global store that did not show DELETING yet is running when the partition looks, and is waited for.
 */
final class StateMachineDeletions {
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, String> watches;
  private final ExecutionStore executions;
  private final Set<String> watched = new HashSet<>();

  StateMachineDeletions(ProcessorContext<String, Object> context, KeyValueStore<String, String> watches, ExecutionStore executions) {
    this.context = context;
    this.watches = watches;
    this.executions = executions;
    try (var all = watches.all()) {
      all.forEachRemaining(entry -> watched.add(entry.key));
    }
  }

  /** The check a deleted state machine sent this partition: answered now, or watched until its executions here have ended. */
  void check(CommandRecord avro, long timestamp) {
    var stateMachineArn = new StateMachineArn(avro.getExecutionArn());
    if (running(stateMachineArn)) {
      watches.put(stateMachineArn.value(), "");
      watched.add(stateMachineArn.value());
    } else {
      ended(avro.getRequestId(), stateMachineArn, timestamp);
    }
  }

  /** After a decision of an execution here: when it closed an execution of a watched state machine, look again. */
  void executionDecided(ExecutionState execution, long timestamp) {
    if (watched.isEmpty() || !execution.status().isClosed() || execution.started().isEmpty()) {
      return;
    }
    var stateMachineArn = execution.started().get().stateMachineArn();
    if (watched.contains(stateMachineArn.value()) && !running(stateMachineArn)) {
      watches.delete(stateMachineArn.value());
      watched.remove(stateMachineArn.value());
      ended("executions-ended/" + stateMachineArn + "/" + partition(), stateMachineArn, timestamp);
    }
  }

  private boolean running(StateMachineArn stateMachineArn) {
    return executions.executionsOf(stateMachineArn).stream().anyMatch(arn -> executions.load(arn).status() == ExecutionStatus.RUNNING);
  }

  private void ended(String requestId, StateMachineArn stateMachineArn, long timestamp) {
    var ended = CommandRecord.newBuilder()
        .setRequestId(requestId)
        .setExecutionArn(stateMachineArn.value())
        .setCommand(new StateMachineExecutionsEndedCommand(partition()))
        .build();
    context.forward(new Record<String, Object>(stateMachineArn.value(), ended, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }

  private int partition() {
    return context.taskId().partition();
  }
}
