package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.StartExecutionCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the engine: a command keyed by its execution ARN → load the execution → {@code decide} → the events to history,
 * the tasks to tasks, the reply to replies, the events to the executions store, the timers to the timers store. A
 * wall-clock punctuator turns due timers into {@link Command.FireTimer}s handled the same way, in the same task.
 *
 * <p>What is not a command goes to dead letters, and the thread goes on. A command the engine refuses is answered with
 * its AWS error. An exception out of {@code decide} is a bug: it is logged with the execution ARN and answered with
 * {@code InternalFailure}; nothing is stored.
 *
 * <p>Commands to state machines ({@link StateMachineCommands}) and map runs ({@link MapRunCommands}) come through the
 * same topic, keyed by their own ARNs, and are handed to those before the engine sees anything; a StartExecution that
 * names only a state machine is completed from the global store ({@link StateMachineStore}); and after each decision
 * {@link MapRunLinks} tells map runs what it means to them. Bulk redrives, keyed by their state machine's ARN, go to
 * {@link BulkRedrives}, which redrives each execution through {@link #handle} in the task that owns it. Tasks that call
 * StartExecution are run by {@link NestedExecutions}: it starts the child on its own key and reports back to the parent.
 * Commands to activities, keyed by their activity ARNs, go to {@link ActivityCommands}, and the activity tasks a decision
 * schedules go to their activity's queue.
 */
final class ExecutionProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);
  /** {@link ApiError#INTERNAL_FAILURE}'s name, for the plumbing (HTTP reads) that answers a bug without an engine reply. */
  static final String INTERNAL_FAILURE = ApiError.INTERNAL_FAILURE.awsName();

  private final ExecutionDecider decider;
  private final AvroCodec codec;
  private final CommandDecoder decoder;
  private final StepfoldConfig config;

  private ProcessorContext<String, Object> context;
  private ExecutionStore executions;
  private TimerStore timers;
  private TimerGate timerGate;
  // state machines and map runs (StateMachineAndMapRunNodes)
  private StateMachineStore stateMachines;
  private StateMachineCommands stateMachineCommands;
  private MapRunStore mapRuns;
  private MapRunCommands mapRunCommands;
  private MapRunLinks mapRunLinks;
  // bulk redrive (BulkRedriveNodes)
  private BulkRedrives bulkRedrives;
  // nested executions (NestedExecutionNodes)
  private NestedExecutions nestedExecutions;
  // activities (ActivityNodes)
  private ActivityCommands activities;

  ExecutionProcessor(ExecutionDecider decider, AvroCodec codec, CommandDecoder decoder, StepfoldConfig config) {
    this.decider = decider;
    this.codec = codec;
    this.decoder = decoder;
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.executions = ExecutionStore.open(context, decider, codec, config.executionsCacheSize());
    this.timers = new TimerStore(context.getStateStore(StepfoldTopology.TIMERS_STORE), context.getStateStore(StepfoldTopology.TIMER_INDEX_STORE));
    executions.clearCache();
    // state machines and map runs (StateMachineAndMapRunNodes)
    var mapRunAvro = new MapRunAvro(DefinitionReader.parsing().cached(64));
    stateMachines = new StateMachineStore(context, context.getStateStore(StateMachineAndMapRunNodes.STATE_MACHINES_STORE));
    stateMachineCommands = new StateMachineCommands(context, context.getStateStore(StateMachineAndMapRunNodes.STATE_MACHINE_REVISIONS_STORE), codec,
        executions, config.partitions(Topics.COMMANDS));
    mapRuns = new MapRunStore(context.getStateStore(StateMachineAndMapRunNodes.MAP_RUNS_STORE), mapRunAvro);
    mapRuns.clearCache();
    mapRunCommands = new MapRunCommands(context, mapRuns, mapRunAvro, codec);
    mapRunLinks = new MapRunLinks(context, context.getStateStore(StateMachineAndMapRunNodes.MAP_RUN_CHILDREN_STORE), executions, mapRunAvro);
    timerGate = new TimerGate(context.currentSystemTimeMs(), config.timersCatchUpQuiet());
    context.schedule(config.timersInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    // bulk redrive (BulkRedriveNodes): shards redrive through handle, as any command, without a reply record
    bulkRedrives = new BulkRedrives(context, executions, codec, config.partitions(Topics.COMMANDS), (redrive, at) -> handle(redrive, at, false));
    nestedExecutions = new NestedExecutions(context, executions, codec);
    activities = new ActivityCommands(context, codec, config.timersInterval());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    timerGate.recordRead(context.currentSystemTimeMs());
    var origin = context.recordMetadata();
    CommandRecord avro;
    try {
      avro = decoder.decode(origin.map(RecordMetadata::topic).orElse(""), record.value());
    } catch (IllegalArgumentException e) {
      deadLetter(record, e.getMessage());
      return;
    }
    if (!avro.getExecutionArn().equals(record.key())) {
      deadLetter(record, "Expected the record's key to be the command's executionArn '" + avro.getExecutionArn()
          + "', but it is " + (record.key() == null ? "null" : "'" + record.key() + "'"));
      return;
    }
    // state machines and map runs: entities of their own, keyed by their ARNs on the commands topic
    if (StateMachineAvro.isStateMachineCommand(avro)) {
      stateMachineCommands.handle(avro, record.timestamp());
      return;
    }
    if (MapRunAvro.isMapRunCommand(avro)) {
      handleMapRunCommand(record, avro);
      return;
    }
    if (BulkRedriveAvro.isBulkRedriveCommand(avro)) {
      handleBulkRedriveCommand(record, avro);
      return;
    }
    if (ActivityCommands.isActivityCommand(avro)) {
      activities.handle(avro, record.timestamp());
      return;
    }
    var completion = stateMachines.complete(avro, record.timestamp());
    if (completion instanceof StateMachineStore.Completion.AskedStateMachine) {
      return;
    }
    if (completion instanceof StateMachineStore.Completion.Refused refused) {
      forwardReply(record.key(), rejected(avro.getRequestId(), avro.getExecutionArn(), refused.error().awsName(), refused.message()),
          record.timestamp());
      nestedExecutions.startRefused(avro, refused.error().awsName(), refused.message(), record.timestamp());
      return;
    }
    avro = ((StateMachineStore.Completion.Complete) completion).command();
    Command command;
    try {
      command = codec.command(avro);
    } catch (RuntimeException e) {
      var refusal = refusal(avro);
      if (refusal.isPresent()) {
        forwardReply(record.key(), refusal.get(), record.timestamp());
        var error = (RejectedReply) refusal.get().getOutcome();
        nestedExecutions.startRefused(avro, error.getErrorType(), error.getMessage(), record.timestamp());
      } else {
        deadLetter(record, "Expected a command the engine can read, but " + e.getMessage());
      }
      return;
    }
    mapRunLinks.rememberChild(avro);
    var reply = handle(command, record.timestamp(), true);
    nestedExecutions.startDecided(avro, reply, record.timestamp());
  }

  /** A command to a map run: one that cannot be one is a dead letter, and so is one a bug fails (it has no reply). */
  private void handleMapRunCommand(Record<String, byte[]> record, CommandRecord avro) {
    try {
      mapRunCommands.handle(avro, record.timestamp());
    } catch (IllegalArgumentException e) {
      deadLetter(record, e.getMessage());
    } catch (RuntimeException bug) {
      LOG.error("Bug: command {} of map run {} failed; it goes to dead letters", avro.getRequestId(), avro.getExecutionArn(), bug);
      deadLetter(record, INTERNAL_FAILURE + ": " + bug);
    }
  }

  /** A bulk redrive command: an internal one (shard, part report) that cannot be handled is a dead letter, as is one a bug fails. */
  private void handleBulkRedriveCommand(Record<String, byte[]> record, CommandRecord avro) {
    try {
      bulkRedrives.handle(avro, record.timestamp());
    } catch (IllegalArgumentException e) {
      deadLetter(record, e.getMessage());
    } catch (RuntimeException bug) {
      LOG.error("Bug: bulk redrive command {} of state machine {} failed; it goes to dead letters", avro.getRequestId(), avro.getExecutionArn(), bug);
      deadLetter(record, INTERNAL_FAILURE + ": " + bug);
    }
  }

  /**
   * The AWS error for a command that reads but cannot become the engine's command: an execution ARN that is not one, a
   * definition that is not valid. Empty for anything else.
   */
  private Optional<ReplyRecord> refusal(CommandRecord avro) {
    try {
      new ExecutionArn(avro.getExecutionArn());
    } catch (IllegalArgumentException e) {
      return Optional.of(rejected(avro.getRequestId(), avro.getExecutionArn(), ApiError.INVALID_ARN.awsName(),
          "Invalid Arn: '" + e.getMessage() + "'"));
    }
    if (avro.getCommand() instanceof StartExecutionCommand start) {
      try {
        var type = start.getExecutionType() == null ? ExecutionType.STANDARD : ExecutionType.valueOf(start.getExecutionType());
        var parsed = DefinitionParser.parse(start.getDefinition(), type);
        if (parsed instanceof ParsedDefinition.Invalid invalid) {
          return Optional.of(rejected(avro.getRequestId(), avro.getExecutionArn(), ApiError.INVALID_DEFINITION.awsName(), invalid.message()));
        }
      } catch (IllegalArgumentException e) {
        return Optional.of(rejected(avro.getRequestId(), avro.getExecutionArn(), ApiError.VALIDATION_EXCEPTION.awsName(),
            "1 validation error detected: Value '" + start.getExecutionType()
                + "' at 'executionType' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"));
      }
    }
    return Optional.empty();
  }

  /** Decides the command and carries the decision out; returns its reply, whether or not it is written. */
  private Reply handle(Command command, long timestamp, boolean reply) {
    var executionArn = command.executionArn();
    var before = executions.load(executionArn);
    Decision decision;
    try {
      decision = decider.decide(before, command, Instant.ofEpochMilli(timestamp));
    } catch (RuntimeException bug) {
      LOG.error("Bug: {} {} of execution {} failed; it is answered with {} and changed nothing",
          command.getClass().getSimpleName(), command.requestId(), executionArn, INTERNAL_FAILURE, bug);
      var failure = new Reply.Rejected(ApiError.INTERNAL_FAILURE, "An internal error occurred while processing the request: " + bug.getMessage());
      forwardReply(executionArn.value(), codec.avro(command.requestId(), executionArn, failure), timestamp);
      return failure;
    }
    var records = decision.events().stream().map(event -> codec.avro(executionArn, event)).toList();
    executions.append(executionArn, decision.events(), records, decision.execution());
    timers.apply(executionArn, decision.timers());
    var key = executionArn.value();
    for (var record : records) {
      context.forward(new Record<String, Object>(key, record, timestamp), StepfoldTopology.HISTORY_SINK);
    }
    for (var task : nestedExecutions.startChildren(decision.tasks(), timestamp)) {
      context.forward(new Record<String, Object>(key, codec.avro(task), timestamp), StepfoldTopology.TASKS_SINK);
    }
    if (reply) {
      forwardReply(key, codec.avro(command.requestId(), executionArn, decision.reply()), timestamp);
    }
    decision.closeReply().ifPresent(close -> forwardReply(key, codec.avro(close.requestId(), executionArn, new Reply.Accepted(close.data())), timestamp));
    mapRunLinks.afterDecision(command, decision, timestamp);
    nestedExecutions.afterDecision(before, command, decision, timestamp);
    activities.afterDecision(decision, timestamp);
    stateMachineCommands.afterDecision(decision.execution(), timestamp);
    return decision.reply();
  }

  /**
   * Fires the due timers as {@link Command.FireTimer}s at the punctuator's wall-clock time; they get no reply. Right
   * after the task started, only those its commands have passed ({@link TimerGate}).
   */
  private void fireDueTimers(long wallClockTime) {
    var horizon = timerGate.horizon(wallClockTime, context.currentStreamTimeMs());
    for (var due : timers.due(horizon, config.timersMaxPerPunctuation())) {
      timers.remove(due.executionArn(), due.timerId());
      var requestId = "timer/" + due.due().toEpochMilli() + "/" + due.timerId().value();
      handle(new Command.FireTimer(requestId, due.executionArn(), due.timerId()), wallClockTime, false);
    }
  }

  private void forwardReply(String key, ReplyRecord reply, long timestamp) {
    context.forward(new Record<String, Object>(key, reply, timestamp), StepfoldTopology.REPLIES_SINK);
  }

  private static ReplyRecord rejected(String requestId, String executionArn, String errorType, String message) {
    return ReplyRecord.newBuilder()
        .setRequestId(requestId)
        .setExecutionArn(executionArn)
        .setOutcome(new RejectedReply(errorType, message, null))
        .build();
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    var headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
    context.recordMetadata().ifPresent(origin -> {
      headers.add(DeadLetters.TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetters.PARTITION, Integer.toString(origin.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetters.OFFSET, Long.toString(origin.offset()).getBytes(StandardCharsets.UTF_8));
    });
    LOG.warn("Dead letter from {}: {}", context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"), reason);
    context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), StepfoldTopology.DEAD_LETTERS_SINK);
  }
}
