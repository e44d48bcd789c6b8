package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.redrive.RedrivePlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reads one instance answers from the stores it holds: in this JVM ({@link LocalReads}) or over the internal read
 * endpoint ({@link RemoteReads}). A read of an execution goes to the instance that owns it; a listing goes to every
 * instance. Each throws {@link ReadFailure} for an AWS error and {@link StoreUnavailable} while stores move.
 */
interface InstanceReads {
  ExecutionDescription describe(ExecutionArn executionArn);

  /** A page of stored events, see {@link HistoryStore#page}; the execution must exist. */
  HistoryStore.StoredPage history(HistoryRequest request);

  /** What a redrive of the execution, after {@code fix} ({@link RedrivePlanFix#NONE} for none), would run again now. */
  RedrivePlan redrivePlan(ExecutionArn executionArn, RedrivePlanFix fix);

  /** Up to {@code limit} executions of each partition this instance owns, in index order after {@code afterIndexKey}. */
  Listing list(ListRequest request);

  /** A map run this instance owns; {@code ResourceNotFound} when it never started. */
  MapRunDescription describeMapRun(MapRunArn mapRunArn);

  /** The stored summaries of executions this instance owns, in the order asked; one not started is left out. */
  Summaries summaries(SummariesRequest request);

  record SummariesRequest(List<ExecutionArn> executionArns) {
    public SummariesRequest {
      executionArns = List.copyOf(executionArns);
    }
  }

  record Summaries(List<ExecutionSummary> summaries) {
    public Summaries {
      summaries = List.copyOf(summaries);
    }
  }

  record HistoryRequest(ExecutionArn executionArn, long fromEventId, int maxResults, boolean reverse) {
    public HistoryRequest {
      Objects.requireNonNull(executionArn, "executionArn");
    }
  }

  /**
   * Which executions ListExecutions wants: of one state machine (and, when {@code startedThrough} names one of its versions
   * or aliases, those started through it), with this status, redriven or not.
   */
  record ListRequest(StateMachineArn stateMachineArn, Optional<String> startedThrough, Optional<ExecutionStatus> status,
      Optional<String> redriveFilter, Optional<String> afterIndexKey, int limit) {
    public ListRequest {
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(startedThrough, "startedThrough");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(redriveFilter, "redriveFilter");
      Objects.requireNonNull(afterIndexKey, "afterIndexKey");
    }

    boolean matches(ExecutionSummary summary) {
      return status.map(wanted -> wanted == summary.status()).orElse(true)
          && startedThrough.map(wanted -> summary.stateMachineVersionArn().equals(Optional.of(wanted))
              || summary.stateMachineAliasArn().equals(Optional.of(wanted))).orElse(true)
          && redriveFilter.map(wanted -> wanted.equals(summary.redriveFilter())).orElse(true);
    }
  }

  /** An execution as listed, with its index key (the place to go on from). */
  record Listed(String indexKey, ExecutionSummary summary) {}

  /**
   * What one instance found: in each of its {@code partitions} up to {@code limit} executions, and {@code more} when a
   * partition had more.
   */
  record Listing(List<Listed> executions, boolean more, List<Integer> partitions) {
    public Listing {
      executions = List.copyOf(executions);
      partitions = List.copyOf(partitions);
    }
  }
}
