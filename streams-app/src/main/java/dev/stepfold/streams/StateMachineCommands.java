package dev.stepfold.streams;

import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.StateMachineRecord;
import dev.stepfold.statemachine.StateMachineCommand;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.statemachine.StateMachineDecision;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateStateMachine and UpdateStateMachine, produced to the commands topic keyed by the state machine's ARN and
 * handled by the execution processor's task that owns that key, before the engine sees anything.
 *
 * <p>Why here: two updates of one state machine must not race. Keyed by its ARN, every command to a state machine lands
 * on one partition, in order, and one task handles them one at a time against the {@code state-machine-revisions}
 * store — the only place a state machine's current revision is decided, changelogged like the executions store. The
 * global store fed by {@code stepfold.state-machines} cannot be that place: it is written by the topic, after the
 * transaction commits, so a second update read from it could miss the first. A sibling processor would give the same
 * ordering, but would have to decode commands a second time; sharing the task keeps one decoder, one dead-letter path
 * and one transaction per command.
 *
 * <p>A bug (an exception out of deciding) is logged and answered with {@code InternalFailure}, and nothing is written.
 *
 * <p>What a command decides (the new revision, a published version) is stored, written to {@code stepfold.state-machines}
 * (the revision under the state machine's ARN, a version under {@code ARN:version}, so compaction keeps every version),
 * and answered on {@code stepfold.replies}, all in the command's transaction.
 */
final class StateMachineCommands {
  private static final Logger LOG = LoggerFactory.getLogger(StateMachineCommands.class);

  private final StateMachineDecider decider = new StateMachineDecider();
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, StateMachineRecord> revisions;
  private final AvroCodec codec;

  StateMachineCommands(ProcessorContext<String, Object> context, KeyValueStore<String, StateMachineRecord> revisions, AvroCodec codec) {
    this.context = context;
    this.revisions = revisions;
    this.codec = codec;
  }

  void handle(CommandRecord avro, long timestamp) {
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
      var current = Optional.ofNullable(revisions.get(key)).map(StateMachineAvro::stateMachine);
      decision = decider.decide(current, command, Instant.ofEpochMilli(timestamp));
    } catch (RuntimeException bug) {
      LOG.error("Bug: {} {} of state machine {} failed; it is answered with {} and changed nothing", command.getClass().getSimpleName(),
          command.requestId(), key, ApiError.INTERNAL_FAILURE.awsName(), bug);
      reply(command.requestId(), key, new Reply.Rejected(ApiError.INTERNAL_FAILURE,
          "An internal error occurred while processing the request: " + bug.getMessage()), timestamp);
      return;
    }
    for (var written : decision.written()) {
      var record = StateMachineAvro.avro(written);
      if (written.version().isEmpty()) {
        revisions.put(key, record);
      }
      context.forward(new Record<String, Object>(written.key(), record, timestamp), StateMachineAndMapRunNodes.STATE_MACHINES_SINK);
    }
    reply(command.requestId(), key, decision.reply(), timestamp);
  }

  private void reply(String requestId, String stateMachineArn, Reply reply, long timestamp) {
    context.forward(new Record<String, Object>(stateMachineArn, codec.avro(requestId, stateMachineArn, reply), timestamp),
        StepfoldTopology.REPLIES_SINK);
  }
}
