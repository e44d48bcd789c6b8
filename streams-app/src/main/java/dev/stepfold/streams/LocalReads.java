package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.StateMachineDirectory;
import dev.stepfold.redrive.RedrivePlan;
import dev.stepfold.redrive.RedrivePlanner;
import dev.stepfold.redrive.RedriveStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * Reads from the stores of this instance. DescribeExecution and the redrive plan fold the execution's history (one
 * range scan), so that the summary and the redrive status it shows come from one state; ListExecutions reads the index
 * and the stored summaries.
 */
final class LocalReads implements InstanceReads {
  private final StoreAccess stores;
  private final AvroCodec codec;
  private final ExecutionDecider decider;
  private final Supplier<Instant> clock;
  private final StateMachineDirectory stateMachines;
  private final MapRunAvro mapRuns = new MapRunAvro(DefinitionReader.parsing().cached(64));

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
    var execution = folded(executionArn);
    var now = clock.get();
    return new ExecutionDescription(ExecutionSummary.of(execution), RedriveStatus.of(execution, now, stateMachines));
  }

  @Override
  public HistoryStore.StoredPage history(HistoryRequest request) {
    var executionArn = request.executionArn();
    if (stores.forExecution(StepfoldTopology.EXECUTIONS_STORE, executionArn).get(executionArn.value()) == null) {
      throw ReadFailure.executionDoesNotExist(executionArn.value());
    }
    return history(executionArn).page(executionArn, request.fromEventId(), request.maxResults(), request.reverse());
  }

  @Override
  public RedrivePlan redrivePlan(ExecutionArn executionArn) {
    return RedrivePlanner.plan(decider, folded(executionArn), clock.get());
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
            continue;   // indexed in the same transaction as its first summary; not yet visible to this read
          }
          var summary = StoreValues.summary(executionArn, stored);
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
        summaries.add(StoreValues.summary(executionArn.value(), stored));
      }
    }
    return new Summaries(summaries);
  }

  private HistoryStore history(ExecutionArn executionArn) {
    return new HistoryStore(stores.forExecution(StepfoldTopology.HISTORY_STORE, executionArn), codec);
  }

  private ExecutionState folded(ExecutionArn executionArn) {
    var execution = ExecutionStore.fold(decider, history(executionArn).events(executionArn));
    if (execution.status() == ExecutionStatus.NOT_STARTED) {
      throw ReadFailure.executionDoesNotExist(executionArn.value());
    }
    return execution;
  }
}
