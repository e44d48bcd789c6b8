package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.schemas.CheckStateMachineExecutionsCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ResolveRedriveExecutionCommand;
import dev.stepfold.schemas.ResolveStartExecutionCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StartRefusal;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.statemachine.RedriveOnto;
import dev.stepfold.statemachine.StartResolution;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineCommand;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.statemachine.StateMachineDecision;
import dev.stepfold.statemachine.StateMachineRecords;
import dev.stepfold.asl.ExecutionType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of state machines (create, update, delete; publishing and deleting versions; aliases; tags), produced
 * to the commands topic keyed by the state machine's ARN and handled by the execution processor's task that owns that
 * key, before the engine sees anything; the starts that task is asked to complete (ResolveStartExecution); and, in
 * every partition, a deleted state machine's wait for its running executions ({@link StateMachineDeletions}).
 *
 * <p>Why here: two updates of one state machine must not race. Keyed by its ARN, every command to a state machine lands
 * on one partition, in order, and one task handles them one at a time against the {@code state-machine-revisions}
 * store — the only place a state machine's current revision, its versions ({@code ARN:version}) and its aliases and tags
 * (on the revision) are decided, changelogged like the executions store. The global store fed by
 * {@code stepfold.state-machines} cannot be that place: it is written by the topic, after the transaction commits, so a
 * second update read from it could miss the first. A sibling processor would give the same ordering, but would have to
 * decode commands a second time; sharing the task keeps one decoder, one dead-letter path and one transaction per
 * command.
 *
 * <p>A bug (an exception out of deciding) is logged and answered with {@code InternalFailure}, and nothing is written.
 *
 * <p>What a command decides (the new revision, a published version, versions deleted) is stored, written to
 * {@code stepfold.state-machines} (the revision under the state machine's ARN, a version under {@code ARN:version}, a
 * deleted version as a tombstone, so compaction keeps exactly the versions that exist), and answered on
 * {@code stepfold.replies}, all in the command's transaction.
 */
final class StateMachineCommands {
  private static final Logger LOG = LoggerFactory.getLogger(StateMachineCommands.class);

  private final StateMachineDecider decider;
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, StateMachineRecord> revisions;
  private final AvroCodec codec;
  private final StateMachineDeletions deletions;

  StateMachineCommands(ProcessorContext<String, Object> context, KeyValueStore<String, StateMachineRecord> revisions, AvroCodec codec,
      ExecutionStore executions, int commandPartitions) {
    this.decider = new StateMachineDecider(commandPartitions);
    this.context = context;
    this.revisions = revisions;
    this.codec = codec;
    this.deletions = new StateMachineDeletions(context, context.getStateStore(StateMachineAndMapRunNodes.STATE_MACHINE_DELETIONS_STORE),
        executions);
  }

  void handle(CommandRecord avro, long timestamp) {
    if (avro.getCommand() instanceof ResolveStartExecutionCommand resolve) {
      resolve(avro, resolve, timestamp);
      return;
    }
    if (avro.getCommand() instanceof ResolveRedriveExecutionCommand resolve) {
      resolveRedrive(avro, resolve, timestamp);
      return;
    }
    if (avro.getCommand() instanceof CheckStateMachineExecutionsCommand) {
      deletions.check(avro, timestamp);
      return;
    }
    if (StateMachineAvro.isTagCommand(avro) && !StateMachineAvro.isStateMachineArn(avro.getExecutionArn())) {
      // the tags of another resource (an activity) are kept with it, and changed by its own commands through Tags
      reply(avro.getRequestId(), avro.getExecutionArn(), new Reply.Rejected(ApiError.RESOURCE_NOT_FOUND,
          StateMachineDecider.resourceNotFoundMessage(avro.getExecutionArn())), timestamp);
      return;
    }
    StateMachineCommand command;
    try {
      command = StateMachineAvro.command(avro);
    } catch (IllegalArgumentException e) {
      var error = e.getMessage().startsWith("Invalid Arn") ? ApiError.INVALID_ARN : ApiError.VALIDATION_EXCEPTION;
      reply(avro.getRequestId(), avro.getExecutionArn(), new Reply.Rejected(error, e.getMessage()), timestamp);
      return;
    }
    var key = command.stateMachineArn().value();
    StateMachineDecision decision;
    try {
      decision = decider.decide(records(key), command, Instant.ofEpochMilli(timestamp));
    } catch (RuntimeException bug) {
      LOG.error("Bug: {} {} of state machine {} failed; it is answered with {} and changed nothing", command.getClass().getSimpleName(),
          command.requestId(), key, ApiError.INTERNAL_FAILURE.awsName(), bug);
      reply(command.requestId(), key, new Reply.Rejected(ApiError.INTERNAL_FAILURE,
          "An internal error occurred while processing the request: " + bug.getMessage()), timestamp);
      return;
    }
    for (var written : decision.written()) {
      var record = StateMachineAvro.avro(written);
      revisions.put(written.key(), record);
      context.forward(new Record<String, Object>(written.key(), record, timestamp), StateMachineAndMapRunNodes.STATE_MACHINES_SINK);
    }
    for (var deleted : decision.deleted()) {
      revisions.delete(deleted);
      context.forward(new Record<String, Object>(deleted, null, timestamp), StateMachineAndMapRunNodes.STATE_MACHINES_SINK);
    }
    for (var partition : decision.executionChecks()) {
      var check = CommandRecord.newBuilder()
          .setRequestId(command.requestId() + "/check/" + partition)
          .setExecutionArn(key)
          .setCommand(new CheckStateMachineExecutionsCommand(partition))
          .build();
      context.forward(new Record<String, Object>(key, check, timestamp), StateMachineAndMapRunNodes.STATE_MACHINE_CHECKS_SINK);
    }
    if (!(command instanceof StateMachineCommand.StateMachineExecutionsEnded)) {   // between tasks: no one waits for a reply
      reply(command.requestId(), key, decision.reply(), timestamp);
    }
  }

  /** After a decision of an execution in this task: a deleted state machine may be waiting for it to close. */
  void afterDecision(ExecutionState execution, long timestamp) {
    deletions.executionDecided(execution, timestamp);
  }

  /**
   * A start the execution's task could not complete from the global store: completed here from the revisions store,
   * which holds every write of this state machine whose reply went out, and sent back to the execution's key; or sent
   * back with the refusal (StateMachineDoesNotExist when this store does not know what it names either). A start that
   * finds an EXPRESS state machine under a STANDARD execution ARN (made by a caller that could not know the type yet)
   * goes to an express ARN of its own, named after its request id; the reply tells the caller that ARN.
   */
  private void resolve(CommandRecord avro, ResolveStartExecutionCommand resolve, long timestamp) {
    var start = resolve.getStart();
    var asked = CommandRecord.newBuilder().setRequestId(avro.getRequestId()).setExecutionArn(resolve.getExecutionArn()).setCommand(start).build();
    StartResolution resolution;
    try {
      resolution = StartResolution.resolve(key -> find(key), start.getStateMachineArn(), new ExecutionArn(resolve.getExecutionArn()));
    } catch (IllegalArgumentException e) {
      resolution = new StartResolution.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    if (resolution instanceof StartResolution.Unknown) {
      resolution = StartResolution.doesNotExist(start.getStateMachineArn());
    }
    var completion = StateMachineStore.completion(asked, start, resolution);
    CommandRecord answer;
    if (completion instanceof StateMachineStore.Completion.Complete complete) {
      answer = express(complete.command());
    } else {
      var refused = (StateMachineStore.Completion.Refused) completion;
      answer = CommandRecord.newBuilder(asked)
          .setCommand(StartExecutionCommand.newBuilder(start).setRefusal(new StartRefusal(refused.error().awsName(), refused.message())).build())
          .build();
    }
    context.forward(new Record<String, Object>(answer.getExecutionArn(), answer, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }

  /**
   * A redrive onto a version the execution's task did not show yet, looked up in this key's revisions store and sent
   * back to the execution with the version or the error that refuses it (what this store does not show does not exist).
   */
  private void resolveRedrive(CommandRecord avro, ResolveRedriveExecutionCommand resolve, long timestamp) {
    var redrive = resolve.getRedrive();
    StartResolution resolution;
    try {
      resolution = RedriveOnto.resolveKnown(key -> find(key), redrive.getOntoVersion(), new ExecutionArn(resolve.getExecutionArn()));
    } catch (IllegalArgumentException e) {
      resolution = new StartResolution.Refused(ApiError.INVALID_ARN, e.getMessage());
    }
    var answer = CommandRecord.newBuilder().setRequestId(avro.getRequestId()).setExecutionArn(resolve.getExecutionArn()).setReply(resolve.getReply())
        .setCommand(StateMachineStore.redriveOnto(redrive, resolution)).build();
    context.forward(new Record<String, Object>(answer.getExecutionArn(), answer, timestamp), StateMachineAndMapRunNodes.COMMANDS_SINK);
  }

  /** The completed start, under an express ARN when it runs an EXPRESS state machine but names a STANDARD execution. */
  private static CommandRecord express(CommandRecord completed) {
    var start = (StartExecutionCommand) completed.getCommand();
    var executionArn = new ExecutionArn(completed.getExecutionArn());
    var standardArn = executionArn.value().split(":")[5].equals("execution");
    if (!ExecutionType.EXPRESS.name().equals(start.getExecutionType()) || !standardArn || start.getMapRunChild() != null
        || start.getParentTask() != null) {
      return completed;
    }
    var id = UUID.nameUUIDFromBytes(completed.getRequestId().getBytes(StandardCharsets.UTF_8)).toString();
    var express = executionArn.stateMachine().expressExecution(executionArn.name(), id);
    return CommandRecord.newBuilder(completed).setExecutionArn(express.value()).build();
  }

  private Optional<StateMachine> find(String key) {
    return Optional.ofNullable(revisions.get(key)).map(StateMachineAvro::stateMachine);
  }

  /** What this task holds of one state machine, read as the decider asks for it. */
  private StateMachineRecords records(String stateMachineArn) {
    return new StateMachineRecords() {
      @Override
      public Optional<StateMachine> revision() {
        return find(stateMachineArn);
      }

      @Override
      public Optional<StateMachine> version(long number) {
        return find(StateMachine.versionArn(new dev.stepfold.arn.StateMachineArn(stateMachineArn), number));
      }

      @Override
      public List<Long> versionNumbers() {
        var numbers = new ArrayList<Long>();
        // ':' and ';' are neighbours: the range holds exactly the keys <ARN>:<version>
        try (var range = revisions.range(stateMachineArn + ":", stateMachineArn + ";")) {
          range.forEachRemaining(entry -> numbers.add(Long.parseLong(entry.key.substring(stateMachineArn.length() + 1))));
        }
        numbers.sort(null);
        return numbers;
      }
    };
  }

  private void reply(String requestId, String stateMachineArn, Reply reply, long timestamp) {
    context.forward(new Record<String, Object>(stateMachineArn, codec.avro(requestId, stateMachineArn, reply), timestamp),
        StepfoldTopology.REPLIES_SINK);
  }
}
