package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.codec.StateMachineAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.Reports;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.host.Interpreter;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.tasks.TaskRouting;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the engine, in a straight line: decode a command of the commands topic → route it by what its key names →
 * decide it → write what the decision says. A command to an execution is decided by the {@link Interpreter}, the one
 * host loop (the local runner runs the same), against this task's stores through {@link ExecutionHost}: the events to
 * history and the executions store, and every message the decision sends (a child's start or stop, a report to a
 * parent's task, map-run work, tasks, timers, replies) to its topic or store. A wall-clock punctuator turns due timers
 * into {@link Command.FireTimer}s handled the same way, in the same task; another deletes what closed a retention
 * period ago ({@link Retention}).
 *
 * <p>What is not a command goes to dead letters, and the thread goes on. A command the engine refuses is answered with
 * its AWS error. A command to an execution whose producer reads no replies ({@code CommandRecord.reply} false: the
 * Kafka worker's answers) gets no reply record. An exception out of {@code decide} is a bug: it is logged with the execution ARN and answered with
 * {@code InternalFailure}; nothing is stored.
 *
 * <p>Commands to state machines ({@link StateMachineCommands}), map runs ({@link MapRunCommands}), bulk redrives
 * ({@link BulkRedrives}, keyed by their state machine's ARN; they redrive each execution through {@link #handle} in the
 * task that owns it) and activities ({@link ActivityCommands}) come through the same topic, keyed by their own ARNs,
 * and are handed to those before the engine sees anything. A StartExecution that names only a state machine is
 * completed from the global store ({@link StateMachineStore}) first; a start refused there or by the codec is answered
 * with its error, and its sender (a parent's task, a map run) hears of it as the engine says ({@link Reports}).
 */
final class ExecutionProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);
  /** {@link ApiError#INTERNAL_FAILURE}'s name, for the plumbing (HTTP reads) that answers a bug without an engine reply. */
  static final String INTERNAL_FAILURE = ApiError.INTERNAL_FAILURE.awsName();

  private final ExecutionDecider decider;
  private final AvroCodec codec;
  private final CommandDecoder decoder;
  private final StepfoldConfig config;
  private final ProcessingObserver observer;
  private final TaskRouting taskRouting;

  private ProcessorContext<String, Object> context;
  private ExecutionHost.Sinks sinks;
  private TimerStore timers;
  private TimerGate timerGate;
  // state machines and map runs (StateMachineAndMapRunNodes)
  private StateMachineStore stateMachines;
  private StateMachineCommands stateMachineCommands;
  private MapRunCommands mapRunCommands;
  // bulk redrive (BulkRedriveNodes)
  private BulkRedrives bulkRedrives;
  // activities (ActivityNodes)
  private ActivityCommands activities;

  ExecutionProcessor(ExecutionDecider decider, AvroCodec codec, CommandDecoder decoder, StepfoldConfig config, ProcessingObserver observer,
      TaskRouting taskRouting) {
    this.decider = decider;
    this.codec = codec;
    this.decoder = decoder;
    this.config = config;
    this.observer = observer;
    this.taskRouting = taskRouting;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    var executions = ExecutionStore.open(context, decider, ExecutionSnapshots.parsingDefinitions(), config.executionsCacheSize());
    this.timers = new TimerStore(context.getStateStore(StepfoldTopology.TIMERS_STORE), context.getStateStore(StepfoldTopology.TIMER_INDEX_STORE));
    executions.clearCache();
    // state machines and map runs (StateMachineAndMapRunNodes)
    var mapRunAvro = new MapRunAvro(DefinitionReader.parsing().cached(64));
    stateMachines = new StateMachineStore(context, context.getStateStore(StateMachineAndMapRunNodes.STATE_MACHINES_STORE));
    stateMachineCommands = new StateMachineCommands(context, context.getStateStore(StateMachineAndMapRunNodes.STATE_MACHINE_REVISIONS_STORE), codec,
        executions, config.partitions(Topics.COMMANDS));
    var mapRuns = new MapRunStore(context.getStateStore(StateMachineAndMapRunNodes.MAP_RUNS_STORE), mapRunAvro);
    mapRuns.clearCache();
    var retention = new RetentionStore(context.getStateStore(RetentionNodes.RETENTION_STORE), config.retention());
    activities = new ActivityCommands(context, codec, config.timersInterval());
    sinks = new ExecutionHost.Sinks(context, executions, timers, codec, mapRunAvro, activities, stateMachineCommands, retention, observer,
        config.historyJson(), taskRouting);
    mapRunCommands = new MapRunCommands(context, mapRuns, mapRunAvro, codec, this::interpreter, retention);
    timerGate = new TimerGate(context.currentSystemTimeMs(), config.timersCatchUpQuiet());
    context.schedule(config.timersInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    // bulk redrive (BulkRedriveNodes): shards redrive through handle, as any command, without a reply record
    var bulkRedriveStore = new BulkRedriveStore(context.getStateStore(BulkRedriveNodes.BULK_REDRIVES_STORE));
    bulkRedrives = new BulkRedrives(context, bulkRedriveStore, executions, codec, config.partitions(Topics.COMMANDS),
        this::redriveForBulk, retention);
    // retention (RetentionNodes): what closed a retention period ago is deleted, a batch at a time, held back as timers are
    if (config.retention().isPresent()) {
      Retention.HistoryDeletion histories = executionArn ->
        context.forward(new Record<>(executionArn.value(), null, context.currentSystemTimeMs()), StepfoldTopology.HISTORY_SINK);
    var sweeper = new Retention(retention, executions, histories, timers, mapRuns, bulkRedriveStore, config.retentionMaxDeletesPerPunctuation());
      context.schedule(config.retentionInterval(), PunctuationType.WALL_CLOCK_TIME,
          wallClockTime -> sweeper.sweep(timerGate.horizon(wallClockTime, context.currentStreamTimeMs())));
    }
  }

  /** The host loop for the commands of {@code timestamp}. */
  private Interpreter interpreter(long timestamp) {
    return new Interpreter(decider, new ExecutionHost(sinks, timestamp));
  }

  @Override
  public void process(Record<String, byte[]> record) {
    timerGate.recordRead(context.currentSystemTimeMs());
    // decode
    CommandRecord avro;
    try {
      avro = decoder.decode(context.recordMetadata().map(RecordMetadata::topic).orElse(""), record.value());
    } catch (IllegalArgumentException e) {
      CommandRefusals.ofUndecodable(record.value(), record.key(), e.getMessage())
          .ifPresentOrElse(refusal -> answer(refusal, record.timestamp()), () -> deadLetter(record, e.getMessage()));
      return;
    }
    if (!avro.getExecutionArn().equals(record.key())) {
      answer(CommandRefusals.ofWrongKey(avro, "Expected the record's key to be the command's executionArn '" + avro.getExecutionArn()
          + "', but it is " + (record.key() == null ? "null" : "'" + record.key() + "'")), record.timestamp());
      return;
    }
    // route: activities, state machines, map runs and bulk redrives are entities of their own, keyed by their ARNs
    // (activities first: a TagResource keyed by an activity's ARN is the activity's)
    if (ActivityCommands.isActivityCommand(avro)) {
      activities.handle(avro, record.timestamp());
    } else if (StateMachineAvro.isStateMachineCommand(avro)) {
      stateMachineCommands.handle(avro, record.timestamp());
    } else if (MapRunAvro.isMapRunCommand(avro)) {
      handleMapRunCommand(record, avro);
    } else if (BulkRedriveAvro.isBulkRedriveCommand(avro)) {
      handleBulkRedriveCommand(record, avro);
    } else {
      handleExecutionCommand(record, avro);
    }
  }

  /** A command to an execution: a start by state machine ARN is completed first; then it is decided and written. */
  private void handleExecutionCommand(Record<String, byte[]> record, CommandRecord avro) {
    var completion = stateMachines.complete(avro, record.timestamp());
    if (completion instanceof StateMachineStore.Completion.AskedStateMachine) {
      return;
    }
    if (completion instanceof StateMachineStore.Completion.Refused refused) {
      refuse(avro, new Reply.Rejected(refused.error(), refused.message()), record.timestamp());
      return;
    }
    avro = ((StateMachineStore.Completion.Complete) completion).command();
    Command command;
    try {
      command = codec.command(avro);
    } catch (RuntimeException e) {
      LOG.warn("Command {} for {} cannot become the engine's command; it is answered with its error: {}", avro.getRequestId(),
          avro.getExecutionArn(), e.getMessage());
      refuse(avro, CommandRefusals.of(avro, e), record.timestamp());
      return;
    }
    handle(command, record.timestamp(), avro.getReply());
  }

  /**
   * Answers a command refused before the engine saw it; a refused start's sender (a parent's task, a map run) hears of
   * it as the engine says, unless the command is too malformed to say who sent it.
   */
  private void refuse(CommandRecord avro, Reply.Rejected rejected, long timestamp) {
    if (avro.getReply()) {
      forwardReply(avro.getExecutionArn(), codec.avro(avro.getRequestId(), avro.getExecutionArn(), rejected), timestamp);
    }
    Origin origin;
    ExecutionArn executionArn;
    try {
      origin = AvroCodec.origin(avro);
      executionArn = new ExecutionArn(avro.getExecutionArn());
    } catch (IllegalArgumentException malformed) {
      LOG.warn("Command {} names no sender that can be told it was refused: {}", avro.getRequestId(), malformed.getMessage());
      return;
    }
    if (!(origin instanceof Origin.Client)) {
      interpreter(timestamp).carryOut(executionArn, Reports.ofRefusedStart(origin, avro.getRequestId(), executionArn, rejected));
    }
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
   * A bulk redrive's redrive of one execution, taken as a RedriveExecution command from the topic is (its version
   * looked up, then decided and carried out), with no reply record: its reply goes into the bulk redrive's report.
   */
  private Reply redriveForBulk(CommandRecord redrive, long timestamp) {
    var completion = stateMachines.complete(redrive, timestamp, false);
    if (completion instanceof StateMachineStore.Completion.Refused refused) {
      return new Reply.Rejected(refused.error(), refused.message());
    }
    return handle(codec.command(((StateMachineStore.Completion.Complete) completion).command()), timestamp, false);
  }

  /**
   * Decides the command and carries the decision out; returns its reply, whether or not it is written. A command written
   * at {@code timestamp} (its record's time, the producer's clock) is decided then, except a worker's command about its
   * task (an answer, a heartbeat, a start) read late — written before the runtime went down, or by a worker whose clock
   * runs behind: it is judged by when it was written, but decided now: what it starts (the next task and its
   * time-out, a Wait, a retry's back-off, the next heartbeat's deadline) counts from now, not from a time already past.
   */
  private Reply handle(Command command, long timestamp, boolean reply) {
    long decidedAt = isAboutATask(command) ? Math.max(timestamp, context.currentSystemTimeMs()) : timestamp;
    return interpreter(decidedAt).handle(command, Instant.ofEpochMilli(timestamp), Instant.ofEpochMilli(decidedAt), reply).reply();
  }

  private static boolean isAboutATask(Command command) {
    return command instanceof Command.SendTaskSuccess || command instanceof Command.SendTaskFailure
        || command instanceof Command.SendTaskHeartbeat || command instanceof Command.ReportTaskStarted
        || command instanceof Command.ReportTaskSubmitted;
  }

  /**
   * Fires the due timers as {@link Command.FireTimer}s at the punctuator's wall-clock time; they get no reply. Right
   * after the task started, only those its commands have passed ({@link TimerGate}).
   */
  private void fireDueTimers(long wallClockTime) {
    var horizon = timerGate.horizon(wallClockTime, context.currentStreamTimeMs());
    for (var due : timers.due(horizon, config.timersMaxPerPunctuation())) {
      timers.remove(due.executionArn(), due.timerId());
      observer.timerFired(due.due(), Instant.ofEpochMilli(wallClockTime));
      var requestId = "timer/" + due.due().toEpochMilli() + "/" + due.timerId().value();
      handle(new Command.FireTimer(requestId, due.executionArn(), due.timerId()), wallClockTime, false);
    }
  }

  /** Answers a record that is not a command the engine can take, but whose request id could be read. */
  private void answer(CommandRefusals.Refusal refusal, long timestamp) {
    LOG.warn("Command {} for {} is refused before the engine: {}", refusal.requestId(), refusal.arn(), refusal.rejected().message());
    forwardReply(refusal.arn(), codec.avro(refusal.requestId(), refusal.arn(), refusal.rejected()), timestamp);
  }

  private void forwardReply(String key, ReplyRecord reply, long timestamp) {
    context.forward(new Record<String, Object>(key, reply, timestamp), StepfoldTopology.REPLIES_SINK);
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
    observer.deadLettered();
  }
}
