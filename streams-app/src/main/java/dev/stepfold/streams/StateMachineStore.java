package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.ResolveRedriveExecutionCommand;
import dev.stepfold.schemas.StartRefusal;
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
    return complete(command, timestamp, true);
  }

  /** The same; {@code askStateMachine} false refuses a redrive onto a version this task does not show yet rather than ask. */
  Completion complete(CommandRecord command, long timestamp, boolean askStateMachine) {
    if (command.getCommand() instanceof RedriveExecutionCommand redrive && redrive.getOntoVersion() != null && redrive.getOntoResolved() == null) {
      return completeRedrive(command, redrive, timestamp, askStateMachine);
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
      var stateMachineArn = StateMachineTarget.of(new StateMachineArn(start.getStateMachineArn())).stateMachineArn().value();
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
   * A redrive onto a version, completed with the version it names ({@link RedriveOnto}), or refused. When this task
   * does not show the version yet, the redrive goes to the state machine's own key ({@link StateMachineCommands}),
   * whose revisions store has every version the moment its publish was answered, and comes back completed or refused;
   * {@code askStateMachine} false (a bulk redrive's, which needs its answer now) refuses it as unknown instead.
   */
  private Completion completeRedrive(CommandRecord command, RedriveExecutionCommand redrive, long timestamp, boolean askStateMachine) {
    if (redrive.getOntoRefusal() != null) {
      return refused(redrive.getOntoRefusal());
    }
    ExecutionArn executionArn;
    try {
      executionArn = new ExecutionArn(command.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return new Completion.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    var named = redrive.getOntoVersion();
    var resolution = askStateMachine ? RedriveOnto.resolve(this::find, named, executionArn) : RedriveOnto.resolveKnown(this::find, named, executionArn);
    if (resolution instanceof StartResolution.Unknown) {
      var stateMachineArn = StateMachineTarget.of(new StateMachineArn(named)).stateMachineArn().value();
      var ask = CommandRecord.newBuilder()
          .setRequestId(command.getRequestId())
          .setExecutionArn(stateMachineArn)
          .setCommand(new ResolveRedriveExecutionCommand(command.getExecutionArn(), redrive, command.getReply()))
          .build();
      context.forward(new Record<String, Object>(stateMachineArn, ask, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
      return new Completion.AskedStateMachine();
    }
    var completed = redriveOnto(redrive, resolution);
    if (completed.getOntoRefusal() != null) {
      return refused(completed.getOntoRefusal());
    }
    return new Completion.Complete(CommandRecord.newBuilder(command).setCommand(completed).build());
  }

  private static Completion refused(StartRefusal refusal) {
    return new Completion.Refused(ApiError.named(refusal.getErrorType()).orElse(ApiError.INTERNAL_FAILURE), refusal.getMessage());
  }

  /** The redrive with the version a resolution found ({@code ontoResolved}), or with the error that refuses it ({@code ontoRefusal}). */
  static RedriveExecutionCommand redriveOnto(RedriveExecutionCommand redrive, StartResolution resolution) {
    if (resolution instanceof StartResolution.Refused refused) {
      return RedriveExecutionCommand.newBuilder(redrive).setOntoRefusal(new StartRefusal(refused.error().awsName(), refused.message())).build();
    }
    if (!(resolution instanceof StartResolution.Resolved resolved)) {
      throw new IllegalStateException("Expected a resolved or refused version to redrive onto, but got " + resolution);
    }
    return RedriveExecutionCommand.newBuilder(redrive).setOntoResolved(new RedriveOntoVersion(resolved.stateMachineVersionArn().orElseThrow(),
        resolved.stateMachineAliasArn().orElse(null), resolved.runs().definition())).build();
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
