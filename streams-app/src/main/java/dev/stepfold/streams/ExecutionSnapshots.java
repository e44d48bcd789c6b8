package dev.stepfold.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.Fanout;
import dev.stepfold.engine.MapRunRecord;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.TaskInFlight;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.StartedBy;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.schemas.ActiveStateSnapshot;
import dev.stepfold.schemas.CloseErrorSnapshot;
import dev.stepfold.schemas.ExecutionSnapshotRecord;
import dev.stepfold.schemas.FanoutSnapshot;
import dev.stepfold.schemas.MapRunRecordSnapshot;
import dev.stepfold.schemas.RedriveTokenSnapshot;
import dev.stepfold.schemas.RedrivesSnapshot;
import dev.stepfold.schemas.ScopeSnapshot;
import dev.stepfold.schemas.StartedByMapRunSnapshot;
import dev.stepfold.schemas.StartedByParentTaskSnapshot;
import dev.stepfold.schemas.StartedSnapshot;
import dev.stepfold.schemas.StatesErrorSnapshot;
import dev.stepfold.schemas.TaskInFlightSnapshot;
import dev.stepfold.schemas.TopLevelInputSnapshot;
import dev.stepfold.schemas.VariableSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePVector;

/**
 * The values of the executions store: an execution's {@link ExecutionState} as an {@link ExecutionSnapshotRecord} in
 * Avro's single-object encoding (marker, the writing schema's fingerprint, the body), so a stored snapshot says which
 * schema wrote it. Encoding then decoding gives a state equal to the one encoded: the same as folding the history.
 */
final class ExecutionSnapshots {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a snapshot says without decoding its states: read with a schema of these three fields only, Avro skips the
   * rest. For GetExecutionHistory (the last event to wait for) and retention (what closed when).
   */
  record Header(ExecutionStatus status, long lastEventId, Optional<Instant> stopDate) {}

  private static final Schema HEADER = SchemaBuilder.record(ExecutionSnapshotRecord.getClassSchema().getName())
      .namespace(ExecutionSnapshotRecord.getClassSchema().getNamespace())
      .fields()
      .requiredString("status")
      .requiredLong("lastEventId")
      .optionalLong("stopDate")
      .endRecord();
  /**
   * The schemas snapshots were written with before the current one, oldest first: a stored snapshot names the schema
   * that wrote it, so after an upgrade the executions store still holds snapshots of these, read with the current one.
   */
  private static final List<Schema> EARLIER_SCHEMAS = earlierSchemas("1-released-v4.avsc", "2-failed-child.avsc");
  private static final BinaryMessageDecoder<GenericRecord> HEADERS = headerDecoder();
  private static final BinaryMessageDecoder<ExecutionSnapshotRecord> RECORDS = recordDecoder();

  private final DefinitionReader definitions;

  ExecutionSnapshots(DefinitionReader definitions) {
    this.definitions = definitions;
  }

  /** Snapshots reading definitions with the parser, remembering the recent ones. */
  static ExecutionSnapshots parsingDefinitions() {
    return new ExecutionSnapshots(DefinitionReader.parsing().cached(256));
  }

  byte[] encode(ExecutionState execution) {
    try {
      ByteBuffer encoded = ExecutionSnapshotRecord.getEncoder().encode(avro(execution));
      var bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored snapshot of {@code executionArn} as the engine's state. */
  ExecutionState decode(String executionArn, byte[] stored) {
    return state(record(executionArn, stored));
  }

  /** The status, last event id and stop date of the stored snapshot, its states skipped. */
  static Header header(String executionArn, byte[] stored) {
    try {
      var header = HEADERS.decode(stored);
      return new Header(ExecutionStatus.valueOf(header.get("status").toString()), (Long) header.get("lastEventId"),
          instant((Long) header.get("stopDate")));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Expected the stored snapshot of " + executionArn + " to be readable, but " + e.getMessage(), e);
    }
  }

  private static BinaryMessageDecoder<GenericRecord> headerDecoder() {
    var decoder = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), HEADER);
    decoder.addSchema(ExecutionSnapshotRecord.getClassSchema());
    EARLIER_SCHEMAS.forEach(decoder::addSchema);
    return decoder;
  }

  private static BinaryMessageDecoder<ExecutionSnapshotRecord> recordDecoder() {
    var decoder = ExecutionSnapshotRecord.createDecoder(null);
    EARLIER_SCHEMAS.forEach(decoder::addSchema);
    return decoder;
  }

  /** The earlier schemas, kept as resources beside this class. */
  static List<Schema> earlierSchemas(String... names) {
    var schemas = new ArrayList<Schema>();
    for (var name : names) {
      try (var text = ExecutionSnapshots.class.getResourceAsStream("earlier-snapshot-schemas/" + name)) {
        if (text == null) {
          throw new IllegalStateException("Expected the earlier snapshot schema " + name + " among the resources, but it is not there");
        }
        schemas.add(new Schema.Parser().parse(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(schemas);
  }

  /** What DescribeExecution and ListExecutions show of the stored snapshot of a started execution. */
  ExecutionSummary summary(String executionArn, byte[] stored) {
    return ExecutionSummary.of(decode(executionArn, stored));
  }

  private static ExecutionSnapshotRecord record(String executionArn, byte[] stored) {
    try {
      return RECORDS.decode(stored);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Expected the stored snapshot of " + executionArn + " to be readable, but " + e.getMessage(), e);
    }
  }

  // to Avro

  static ExecutionSnapshotRecord avro(ExecutionState execution) {
    return ExecutionSnapshotRecord.newBuilder()
        .setStatus(execution.status().name())
        .setStarted(execution.started().map(ExecutionSnapshots::avro).orElse(null))
        .setStartDate(millis(execution.startDate()))
        .setLastEventId(execution.lastEventId())
        .setRoot(avro(execution.root()))
        .setOutput(execution.output().map(ExecutionSnapshots::text).orElse(null))
        .setCloseError(execution.closeError().map(failure -> new CloseErrorSnapshot(failure.error().orElse(null), failure.cause().orElse(null)))
            .orElse(null))
        .setStopDate(millis(execution.stopDate()))
        .setRedrives(new RedrivesSnapshot(execution.redrives().count(), millis(execution.redrives().lastDate()),
            execution.redrives().recentTokens().stream().map(use -> new RedriveTokenSnapshot(use.clientToken(), use.redriveDate().toEpochMilli()))
                .toList()))
        .setTopLevelInputs(execution.topLevelInputs().entrySet().stream()
            .map(entry -> new TopLevelInputSnapshot(entry.getKey(), text(entry.getValue()))).toList())
        .build();
  }

  private static StartedSnapshot avro(EventDetails.ExecutionStarted started) {
    return StartedSnapshot.newBuilder()
        .setExecutionArn(started.executionArn().value())
        .setStateMachineArn(started.stateMachineArn().value())
        .setExecutionType(started.executionType().name())
        .setInput(text(started.input()))
        .setRoleArn(started.roleArn())
        .setStateMachineAliasArn(started.stateMachineAliasArn().orElse(null))
        .setStateMachineVersionArn(started.stateMachineVersionArn().orElse(null))
        .setDefinition(definitionText(started.definition().document()))
        .setCloseRequestId(started.closeRequestId().orElse(null))
        .setStartedByParentTask(started.startedBy().filter(StartedBy.ParentTask.class::isInstance).map(StartedBy.ParentTask.class::cast)
            .map(parent -> new StartedByParentTaskSnapshot(parent.executionArn().value(), parent.taskToken(), parent.pattern().name())).orElse(null))
        .setStartedByMapRun(started.startedBy().filter(StartedBy.MapRunChild.class::isInstance).map(StartedBy.MapRunChild.class::cast)
            .map(child -> new StartedByMapRunSnapshot(child.mapRunArn().value(), child.index())).orElse(null))
        .build();
  }

  private static ScopeSnapshot avro(Scope scope) {
    var variables = new ArrayList<VariableSnapshot>(scope.variables().size());
    scope.variables().forEach((name, value) -> variables.add(new VariableSnapshot(name, text(value))));
    return ScopeSnapshot.newBuilder()
        .setActive(scope.active().map(ExecutionSnapshots::avro).orElse(null))
        .setLastEventId(scope.lastEventId())
        .setStatus(scope.status().name())
        .setOutput(scope.output().map(ExecutionSnapshots::text).orElse(null))
        .setVariables(variables)
        .build();
  }

  private static ActiveStateSnapshot avro(ActiveState active) {
    return ActiveStateSnapshot.newBuilder()
        .setStateName(active.stateName())
        .setEnteredEventId(active.enteredEventId())
        .setEnteredAfterEventId(active.enteredAfterEventId())
        .setEnteredTime(active.enteredTime().toEpochMilli())
        .setInput(text(active.input()))
        .setRetriedErrors(active.retriedErrors())
        .setTask(active.task().map(ExecutionSnapshots::avro).orElse(null))
        .setLastFailure(active.lastFailure().map(ExecutionSnapshots::avro).orElse(null))
        .setFanout(active.fanout().map(ExecutionSnapshots::avro).orElse(null))
        .setFailedChild(active.failedChild().map(ExecutionArn::value).orElse(null))
        .build();
  }

  private static TaskInFlightSnapshot avro(TaskInFlight task) {
    return TaskInFlightSnapshot.newBuilder()
        .setScheduledEventId(task.scheduledEventId())
        .setStarted(task.started())
        .setSubmitted(task.submitted())
        .setTimeoutDue(millis(task.timeoutDue()))
        .setSyncChild(task.syncChild().map(ExecutionArn::value).orElse(null))
        .build();
  }

  private static StatesErrorSnapshot avro(StatesError error) {
    return new StatesErrorSnapshot(error.error(), error.cause());
  }

  private static FanoutSnapshot avro(Fanout fanout) {
    var branches = new ArrayList<ScopeSnapshot>(fanout.branches().size());
    fanout.branches().forEach(branch -> branches.add(avro(branch)));
    return FanoutSnapshot.newBuilder()
        .setStartedEventId(fanout.startedEventId())
        .setBranches(branches)
        .setNotStarted(fanout.notStarted())
        .setSucceeded(fanout.succeeded())
        .setMapRun(fanout.mapRun().map(mapRun -> new MapRunRecordSnapshot(mapRun.mapRunArn().value(), mapRun.redriveCount(),
            mapRun.status().name(), mapRun.failure().map(ExecutionSnapshots::avro).orElse(null))).orElse(null))
        .build();
  }

  // from Avro

  private ExecutionState state(ExecutionSnapshotRecord avro) {
    var redrives = avro.getRedrives();
    return new ExecutionState(
        ExecutionStatus.valueOf(avro.getStatus()),
        Optional.ofNullable(avro.getStarted()).map(this::started),
        instant(avro.getStartDate()),
        avro.getLastEventId(),
        scope(avro.getRoot()),
        Optional.ofNullable(avro.getOutput()).map(ExecutionSnapshots::json),
        Optional.ofNullable(avro.getCloseError())
            .map(failure -> new EventDetails.Failure(Optional.ofNullable(failure.getError()), Optional.ofNullable(failure.getCause()))),
        instant(avro.getStopDate()),
        new Redrives(redrives.getCount(), instant(redrives.getLastDate()), redrives.getRecentTokens().stream()
            .map(use -> new Redrives.TokenUse(use.getClientToken(), Instant.ofEpochMilli(use.getRedriveDate()))).toList()),
        topLevelInputs(avro.getTopLevelInputs()));
  }

  private static PMap<String, JsonNode> topLevelInputs(List<TopLevelInputSnapshot> avro) {
    PMap<String, JsonNode> inputs = HashTreePMap.empty();
    for (var entry : avro) {
      inputs = inputs.plus(entry.getStateName(), json(entry.getInput()));
    }
    return inputs;
  }

  private EventDetails.ExecutionStarted started(StartedSnapshot avro) {
    var executionType = ExecutionType.valueOf(avro.getExecutionType());
    Optional<StartedBy> startedBy = Optional.empty();
    if (avro.getStartedByParentTask() != null) {
      var parent = avro.getStartedByParentTask();
      startedBy = Optional.of(new StartedBy.ParentTask(new ExecutionArn(parent.getExecutionArn()), parent.getTaskToken(),
          TaskResource.IntegrationPattern.valueOf(parent.getPattern())));
    } else if (avro.getStartedByMapRun() != null) {
      var child = avro.getStartedByMapRun();
      startedBy = Optional.of(new StartedBy.MapRunChild(new MapRunArn(child.getMapRunArn()), child.getIndex()));
    }
    return new EventDetails.ExecutionStarted(
        json(avro.getInput()),
        avro.getRoleArn(),
        Optional.ofNullable(avro.getStateMachineAliasArn()),
        Optional.ofNullable(avro.getStateMachineVersionArn()),
        new ExecutionArn(avro.getExecutionArn()),
        new StateMachineArn(avro.getStateMachineArn()),
        executionType,
        definitions.read(avro.getDefinition(), executionType),
        Optional.ofNullable(avro.getCloseRequestId()),
        startedBy);
  }

  private static Scope scope(ScopeSnapshot avro) {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    avro.getVariables().forEach(variable -> variables.put(variable.getName(), json(variable.getValue())));
    return new Scope(
        Optional.ofNullable(avro.getActive()).map(ExecutionSnapshots::active),
        avro.getLastEventId(),
        Scope.ScopeStatus.valueOf(avro.getStatus()),
        Optional.ofNullable(avro.getOutput()).map(ExecutionSnapshots::json),
        variables.isEmpty() ? Map.of() : variables);
  }

  private static ActiveState active(ActiveStateSnapshot avro) {
    return new ActiveState(
        avro.getStateName(),
        avro.getEnteredEventId(),
        avro.getEnteredAfterEventId(),
        Instant.ofEpochMilli(avro.getEnteredTime()),
        json(avro.getInput()),
        avro.getRetriedErrors(),
        Optional.ofNullable(avro.getTask()).map(ExecutionSnapshots::task),
        Optional.ofNullable(avro.getLastFailure()).map(ExecutionSnapshots::error),
        Optional.ofNullable(avro.getFanout()).map(ExecutionSnapshots::fanout),
        Optional.ofNullable(avro.getFailedChild()).map(ExecutionArn::new));
  }

  private static TaskInFlight task(TaskInFlightSnapshot avro) {
    return new TaskInFlight(
        avro.getScheduledEventId(),
        avro.getStarted(),
        avro.getSubmitted(),
        instant(avro.getTimeoutDue()),
        Optional.ofNullable(avro.getSyncChild()).map(ExecutionArn::new));
  }

  private static StatesError error(StatesErrorSnapshot avro) {
    return new StatesError(avro.getError(), avro.getCause());
  }

  private static Fanout fanout(FanoutSnapshot avro) {
    var branches = TreePVector.from(map(avro.getBranches(), ExecutionSnapshots::scope));
    var mapRun = Optional.ofNullable(avro.getMapRun()).map(run -> new MapRunRecord(new MapRunArn(run.getMapRunArn()), run.getRedriveCount(),
        MapRunStatus.valueOf(run.getStatus()), Optional.ofNullable(run.getFailure()).map(ExecutionSnapshots::error)));
    return new Fanout(avro.getStartedEventId(), branches, avro.getNotStarted(), avro.getSucceeded(), mapRun);
  }

  // values

  private static <A, B> List<B> map(List<A> values, Function<A, B> mapping) {
    var mapped = new ArrayList<B>(values.size());
    values.forEach(value -> mapped.add(mapping.apply(value)));
    return mapped;
  }

  private static Long millis(Optional<Instant> instant) {
    return instant.map(Instant::toEpochMilli).orElse(null);
  }

  private static Optional<Instant> instant(Long millis) {
    return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
  }

  /**
   * The definition's text, rendered once per parsed definition: every snapshot of an execution carries its definition,
   * and parsed definitions are shared (the {@link DefinitionReader} reads each text once), so the document's identity
   * names it. Emptied when full, as definitions are few.
   */
  private static String definitionText(JsonNode document) {
    var key = new SameDocument(document);
    var cached = DEFINITION_TEXTS.get(key);
    if (cached != null) {
      return cached;
    }
    if (DEFINITION_TEXTS.size() >= DEFINITION_TEXTS_KEPT) {
      DEFINITION_TEXTS.clear();
    }
    return DEFINITION_TEXTS.computeIfAbsent(key, same -> text(same.document()));
  }

  private static final int DEFINITION_TEXTS_KEPT = 1_000;
  private static final Map<SameDocument, String> DEFINITION_TEXTS = new ConcurrentHashMap<>();

  /** A document compared by identity: comparing two definitions' trees would cost what rendering one does. */
  private record SameDocument(JsonNode document) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SameDocument same && same.document == document;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(document);
    }
  }

  private static String text(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a JSON value to render as text, but " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected JSON text in a stored snapshot, but " + e.getOriginalMessage(), e);
    }
  }
}
