package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.StateMachineDirectory;
import dev.stepfold.redrive.RedrivePlan;
import dev.stepfold.redrive.RedrivePlanner;
import dev.stepfold.redrive.RedriveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * Reads from the stores of this instance. DescribeExecution, ListExecutions and the redrive plan read the execution's
 * snapshot from the executions store (ListExecutions through the index), the state the processor left it in with the
 * command's reply. GetExecutionHistory reads the history store, which follows the history topic a little behind the
 * processor: it first waits until the store holds the snapshot's last event, so a caller that got its reply sees the
 * events of its command.
 */
final class LocalReads implements InstanceReads {
  /** How long GetExecutionHistory waits for the history store to show the events the executions store already has. */
  static final Duration HISTORY_PATIENCE = Duration.ofSeconds(10);

  private final StoreAccess stores;
  private final AvroCodec codec;
  private final ExecutionDecider decider;
  private final Supplier<Instant> clock;
  private final StateMachineDirectory stateMachines;
  private final MapRunAvro mapRuns = new MapRunAvro(DefinitionReader.parsing().cached(64));
  private final ExecutionSnapshots snapshots = ExecutionSnapshots.parsingDefinitions();
  private final DefinitionReader definitions = DefinitionReader.parsing().cached(16);

  LocalReads(StoreAccess stores, AvroCodec codec, ExecutionDecider decider, Supplier<Instant> clock, StateMachineDirectory stateMachines) {
    this.stores = stores;
    this.codec = codec;
    this.decider = decider;
    this.clock = clock;
    this.stateMachines = stateMachines;
  }

  /** Reads for which no state machine is being deleted. */
  LocalReads(StoreAccess stores, AvroCodec codec, ExecutionDecider decider, Supplier<Instant> clock) {
    this(stores, codec, decider, clock, StateMachineDirectory.NONE_DELETING);
  }

  @Override
  public ExecutionDescription describe(ExecutionArn executionArn) {
    var execution = stored(executionArn);
    var now = clock.get();
    return new ExecutionDescription(ExecutionSummary.of(execution), RedriveStatus.of(execution, now, stateMachines));
  }

  @Override
  public HistoryStore.StoredPage history(HistoryRequest request) {
    var executionArn = request.executionArn();
    var stored = stores.forExecution(StepfoldTopology.EXECUTIONS_STORE, executionArn).get(executionArn.value());
    if (stored == null) {
      throw ReadFailure.executionDoesNotExist(executionArn.value());
    }
    var lastEventId = ExecutionSnapshots.header(executionArn.value(), stored).lastEventId();
    var history = history(executionArn);
    StoreWaits.until(() -> history.holds(executionArn, lastEventId), HISTORY_PATIENCE);
    return history.page(executionArn, request.fromEventId(), request.maxResults(), request.reverse());
  }

  @Override
  public RedrivePlan redrivePlan(ExecutionArn executionArn, RedrivePlanFix fix) {
    return RedrivePlanner.plan(decider, stored(executionArn), clock.get(), RedrivePlanner.MapRuns.NONE, fix.fix(definitions));
  }

  @Override
  public Listing list(ListRequest request) {
    var indexes = stores.ownPartitions(StepfoldTopology.EXECUTION_INDEX_STORE);
    var summaries = stores.ownPartitions(StepfoldTopology.EXECUTIONS_STORE);
    var listed = new ArrayList<Listed>();
    boolean more = false;
    var stateMachine = request.stateMachineArn();
    var from = request.afterIndexKey().orElse(ExecutionKeys.firstIndexKey(stateMachine));
    for (var partition : indexes.entrySet()) {
      var partitionSummaries = summaries.get(partition.getKey());
      if (partitionSummaries == null) {
        throw new StoreUnavailable("Expected the executions store of partition " + partition.getKey() + " with its index, but it is not here");
      }
      int found = 0;
      try (var range = partition.getValue().range(from, ExecutionKeys.lastIndexKey(stateMachine))) {
        while (range.hasNext()) {
          var key = range.next().key;
          if (key.equals(from)) {
            continue;
          }
          var executionArn = ExecutionKeys.executionArnOfIndexKey(key, stateMachine);
          var stored = partitionSummaries.get(executionArn);
          if (stored == null) {
            continue;   // indexed in the same transaction as its first snapshot; not yet visible to this read
          }
          var summary = snapshots.summary(executionArn, stored);
          if (!request.matches(summary)) {
            continue;
          }
          if (found == request.limit()) {
            more = true;
            break;
          }
          listed.add(new Listed(key, summary));
          found++;
        }
      }
    }
    return new Listing(listed, more, new ArrayList<>(indexes.keySet()));
  }

  @Override
  public MapRunDescription describeMapRun(MapRunArn mapRunArn) {
    return MapRunStore.read(stores.forKey(StateMachineAndMapRunNodes.MAP_RUNS_STORE, mapRunArn.value()), mapRuns, mapRunArn)
        .map(MapRunDescription::of)
        .orElseThrow(() -> ReadFailure.resourceNotFound(mapRunArn.value()));
  }

  @Override
  public Summaries summaries(SummariesRequest request) {
    var summaries = new ArrayList<ExecutionSummary>();
    for (var executionArn : request.executionArns()) {
      var stored = stores.forExecution(StepfoldTopology.EXECUTIONS_STORE, executionArn).get(executionArn.value());
      if (stored != null) {
        summaries.add(snapshots.summary(executionArn.value(), stored));
      }
    }
    return new Summaries(summaries);
  }

  private HistoryStore history(ExecutionArn executionArn) {
    return new HistoryStore(stores.forExecution(StepfoldTopology.HISTORY_STORE, executionArn), codec);
  }

  /** The execution's snapshot; ExecutionDoesNotExist when it has none. */
  private ExecutionState stored(ExecutionArn executionArn) {
    var stored = stores.forExecution(StepfoldTopology.EXECUTIONS_STORE, executionArn).get(executionArn.value());
    if (stored == null) {
      throw ReadFailure.executionDoesNotExist(executionArn.value());
    }
    return snapshots.decode(executionArn.value(), stored);
  }
}
