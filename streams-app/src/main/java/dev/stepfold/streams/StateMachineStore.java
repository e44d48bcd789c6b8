package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.RedriveOntoVersion;
import dev.stepfold.schemas.ResolveStartExecutionCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.statemachine.RedriveOnto;
import dev.stepfold.statemachine.StartResolution;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineTarget;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state machines as every task sees them: the global store fed by {@code stepfold.state-machines}, keyed by state
 * machine ARN (current revision, with its aliases) and version ARN ({@code ARN:version}). It completes a StartExecution
 * that names a state machine, version or alias without carrying a definition ({@link StartResolution}).
 *
 * <p>Read your own writes: the global store follows the topic a little behind the task that wrote it, so right after a
 * CreateStateMachine, PublishStateMachineVersion or CreateStateMachineAlias it may not know what a start names yet. Such
 * a start is not refused here: it goes, as a ResolveStartExecution command, to the state machine's own key, whose
 * revisions store has every write the moment its reply was sent ({@link StateMachineCommands#resolve}); that key sends it
 * back completed, or refused with its reason. A stale revision or alias routing found here is run as found: AWS too says
 * an update or an alias change may take a moment to reach new executions.
 */
final class StateMachineStore {
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, StateMachineRecord> global;

  StateMachineStore(ProcessorContext<String, Object> context, KeyValueStore<String, StateMachineRecord> global) {
    this.context = context;
    this.global = global;
  }

  /** The state machine's current revision, or the version a version ARN names. */
  Optional<StateMachine> find(String stateMachineOrVersionArn) {
    return Optional.ofNullable(global.get(stateMachineOrVersionArn)).map(StateMachineAvro::stateMachine);
  }

  /**
   * A StartExecution that carries no definition, completed with the definition, type and role of what it names; the AWS
   * error that refuses it; or, when this task does not know what it names yet, sent to the state machine's own key
   * ({@link Completion.AskedStateMachine}). Any other command is returned as it is.
   */
  Completion complete(CommandRecord command, long timestamp) {
    if (command.getCommand() instanceof RedriveExecutionCommand redrive && redrive.getOntoVersion() != null && redrive.getOntoResolved() == null) {
      return completeRedrive(command, redrive);
    }
    if (!(command.getCommand() instanceof StartExecutionCommand start) || start.getDefinition() != null) {
      return new Completion.Complete(command);
    }
    if (start.getRefusal() != null) {
      var error = ApiError.named(start.getRefusal().getErrorType()).orElse(ApiError.INTERNAL_FAILURE);
      return new Completion.Refused(error, start.getRefusal().getMessage());
    }
    ExecutionArn executionArn;
    try {
      executionArn = new ExecutionArn(command.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return new Completion.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    var resolution = StartResolution.resolve(this::find, start.getStateMachineArn(), executionArn);
    if (resolution instanceof StartResolution.Unknown) {
      var stateMachineArn = StateMachineTarget.of(new dev.stepfold.arn.StateMachineArn(start.getStateMachineArn())).stateMachineArn().value();
      var ask = CommandRecord.newBuilder()
          .setRequestId(command.getRequestId())
          .setExecutionArn(stateMachineArn)
          .setCommand(new ResolveStartExecutionCommand(command.getExecutionArn(), start))
          .build();
      context.forward(new Record<String, Object>(stateMachineArn, ask, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
      return new Completion.AskedStateMachine();
    }
    return completion(command, start, resolution);
  }

  /**
   * A redrive onto a version, completed with the version it names ({@link RedriveOnto}), or refused. A version
   * published a moment ago that this task's global store does not show yet is refused as unknown: its caller retries.
   */
  private Completion completeRedrive(CommandRecord command, RedriveExecutionCommand redrive) {
    ExecutionArn executionArn;
    try {
      executionArn = new ExecutionArn(command.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return new Completion.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    var onto = ontoVersion(redrive.getOntoVersion(), executionArn);
    if (onto instanceof OntoVersion.Refused refused) {
      return new Completion.Refused(refused.error(), refused.message());
    }
    var resolved = RedriveExecutionCommand.newBuilder(redrive).setOntoResolved(((OntoVersion.Found) onto).version()).build();
    return new Completion.Complete(CommandRecord.newBuilder(command).setCommand(resolved).build());
  }

  /** The version a redrive of {@code executionArn} onto {@code named} (a version or alias ARN) continues in. */
  OntoVersion ontoVersion(String named, ExecutionArn executionArn) {
    var resolution = RedriveOnto.resolve(this::find, named, executionArn);
    if (resolution instanceof StartResolution.Refused refused) {
      return new OntoVersion.Refused(refused.error(), refused.message());
    }
    var resolved = (StartResolution.Resolved) resolution;
    return new OntoVersion.Found(new RedriveOntoVersion(resolved.stateMachineVersionArn().orElseThrow(),
        resolved.stateMachineAliasArn().orElse(null), resolved.runs().definition()));
  }

  /** A version to redrive onto, or the AWS error that refuses it. */
  sealed interface OntoVersion {
    record Found(RedriveOntoVersion version) implements OntoVersion {}

    record Refused(ApiError error, String message) implements OntoVersion {}
  }

  /** The start completed by a resolution, or refused by it. */
  static Completion completion(CommandRecord command, StartExecutionCommand start, StartResolution resolution) {
    if (resolution instanceof StartResolution.Refused refused) {
      return new Completion.Refused(refused.error(), refused.message());
    }
    if (!(resolution instanceof StartResolution.Resolved resolved)) {
      throw new IllegalStateException("Expected a resolved or refused start, but got " + resolution);
    }
    var stateMachine = resolved.runs();
    if (start.getExecutionType() != null && !start.getExecutionType().equals(stateMachine.type().name())) {
      return new Completion.Refused(ApiError.VALIDATION_EXCEPTION, "Expected executionType " + stateMachine.type()
          + " of state machine " + start.getStateMachineArn() + ", but got " + start.getExecutionType());
    }
    var completed = StartExecutionCommand.newBuilder(start)
        .setStateMachineArn(stateMachine.stateMachineArn().value())   // executions name the state machine, not the version
        .setExecutionType(stateMachine.type().name())
        .setDefinition(stateMachine.definition())
        .setRoleArn(start.getRoleArn() == null ? stateMachine.roleArn() : start.getRoleArn())
        .setStateMachineVersionArn(resolved.stateMachineVersionArn().orElse(null))
        .setStateMachineAliasArn(resolved.stateMachineAliasArn().orElse(null))
        .build();
    return new Completion.Complete(CommandRecord.newBuilder(command).setCommand(completed).build());
  }

  /** A command ready for the engine, the AWS error that refuses it, or a start sent to its state machine's key. */
  sealed interface Completion {
    record Complete(CommandRecord command) implements Completion {}

    record Refused(ApiError error, String message) implements Completion {}

    /** Sent to the state machine's own key, which sends it back completed or refused: nothing more to do here now. */
    record AskedStateMachine() implements Completion {}
  }
}
