package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.redrive.RedrivePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The read side of the runtime, as the API calls it: DescribeExecution, ListExecutions, GetExecutionHistory and the
 * redrive plan, answered from the stores of whichever instance owns the execution (interactive queries, forwarded over
 * the internal read endpoint), with AWS's paging and errors ({@link ReadFailure}). While stores move between instances
 * a read tries again for a while, then fails with {@code ServiceUnavailable}.
 */
public final class ExecutionQueries {
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = 1000;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
  private static final List<String> STATUS_FILTERS = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

  private final ReadRouting routing;
  private final AvroCodec codec;
  private final Duration rebalanceTimeout;
  private final MapRunQueries mapRuns;

  ExecutionQueries(ReadRouting routing, AvroCodec codec, Duration rebalanceTimeout) {
    this.routing = routing;
    this.codec = codec;
    this.rebalanceTimeout = rebalanceTimeout;
    this.mapRuns = new MapRunQueries(routing, this);
  }

  /** The reads of map runs, through the same routing. */
  public MapRunQueries mapRuns() {
    return mapRuns;
  }

  /**
   * The queries of an instance known to the others as {@code self}: its own executions from its stores, the others'
   * through {@code server}, which this call makes answer for this instance; {@code decider} is the engine's, for the
   * redrive plan's dry run.
   */
  static ExecutionQueries onStreams(KafkaStreams streams, HostInfo self, String commandsTopic, int partitions, Duration timeout,
      ReadServer server, StepfoldDecider decider) {
    var local = new LocalReads(new StreamsStoreAccess(streams, self, commandsTopic), AvroCodec.parsingDefinitions(), decider,
        Instant::now, decider.stateMachines());
    server.serve(local);
    return new ExecutionQueries(new StreamsRouting(streams, self, local, timeout, partitions), AvroCodec.parsingDefinitions(), timeout);
  }

  public ExecutionDescription describeExecution(String executionArn) {
    var arn = executionArn(executionArn);
    return retrying("Execution " + executionArn, () -> routing.owner(arn).describe(arn));
  }

  /** What a redrive of the execution would run again now, or why it cannot be redriven. */
  public RedrivePlan redrivePlan(String executionArn) {
    return redrivePlan(executionArn, RedrivePlanFix.NONE);
  }

  /** What a redrive of the execution after {@code fix} would run again now, or why it cannot be redriven so. */
  public RedrivePlan redrivePlan(String executionArn, RedrivePlanFix fix) {
    var arn = executionArn(executionArn);
    return retrying("Execution " + executionArn, () -> routing.owner(arn).redrivePlan(arn, fix));
  }

  /** A page of the execution's events, oldest first or, with {@code reverseOrder}, newest first; {@code maxResults} 0 for 100. */
  public HistoryPage getExecutionHistory(String executionArn, int maxResults, Optional<String> nextToken, boolean reverseOrder) {
    var arn = executionArn(executionArn);
    int pageSize = pageSize(maxResults);
    long from = nextToken.map(token -> PageTokens.historyFrom(token, arn)).orElse(0L);
    var request = new InstanceReads.HistoryRequest(arn, from, pageSize, reverseOrder);
    var stored = retrying("Execution " + executionArn, () -> routing.owner(arn).history(request));
    var events = new ArrayList<HistoryEvent>(stored.events().size());
    for (var event : stored.events()) {
      events.add(StoreValues.event(codec, executionArn, event));
    }
    var next = stored.nextEventId();
    return new HistoryPage(events, next.isPresent() ? Optional.of(PageTokens.history(arn, next.getAsLong())) : Optional.empty());
  }

  /** A page of the state machine's (or version's, or alias's) executions, newest start first, from every instance. */
  public ExecutionPage listExecutions(ListExecutionsRequest request) {
    var named = stateMachineArn(request.stateMachineArn());
    // a version or alias ARN (...:stateMachine:<name>:<version or alias>) lists the executions started through it
    var parts = named.value().split(":", -1);
    var stateMachineArn = parts.length > 7 ? new StateMachineArn(String.join(":", List.of(parts).subList(0, 7))) : named;
    var startedThrough = parts.length > 7 ? Optional.of(named.value()) : Optional.<String>empty();
    int pageSize = pageSize(request.maxResults());
    var status = request.statusFilter().map(ExecutionQueries::status);
    var redriveFilter = request.redriveFilter().map(ExecutionQueries::redriveFilter);
    var after = request.nextToken().map(token -> PageTokens.listingAfter(token, stateMachineArn));
    var listRequest = new InstanceReads.ListRequest(stateMachineArn, startedThrough, status, redriveFilter, after, pageSize);
    var listings = retrying("The executions of " + stateMachineArn, () -> gather(listRequest));

    var found = new ArrayList<InstanceReads.Listed>();
    boolean more = false;
    for (var listing : listings) {
      found.addAll(listing.executions());
      more |= listing.more();
    }
    found.sort(Comparator.comparing(InstanceReads.Listed::indexKey));
    more |= found.size() > pageSize;
    var page = found.subList(0, Math.min(pageSize, found.size()));
    var nextToken = more && !page.isEmpty() ? Optional.of(PageTokens.listing(page.get(page.size() - 1).indexKey())) : Optional.<String>empty();
    return new ExecutionPage(page.stream().map(InstanceReads.Listed::summary).toList(), nextToken);
  }

  /** Every instance's listing; {@link StoreUnavailable} unless together they cover every partition. */
  private List<InstanceReads.Listing> gather(InstanceReads.ListRequest request) {
    var listings = new ArrayList<InstanceReads.Listing>();
    var covered = new HashSet<Integer>();
    for (var instance : routing.everyInstance()) {
      var listing = instance.list(request);
      listings.add(listing);
      covered.addAll(listing.partitions());
    }
    if (covered.size() < routing.partitions()) {
      throw new StoreUnavailable("Only partitions " + covered + " of " + routing.partitions() + " can be read now");
    }
    return listings;
  }

  /** A read retried while stores move between instances, then {@code ServiceUnavailable}. */
  <T> T retrying(String what, Supplier<T> read) {
    long deadline = System.nanoTime() + rebalanceTimeout.toNanos();
    while (true) {
      try {
        return read.get();
      } catch (StoreUnavailable | InvalidStateStoreException e) {
        if (System.nanoTime() > deadline) {
          throw new ReadFailure(ReadFailure.SERVICE_UNAVAILABLE,
              what + " cannot be read now: its store is moving between instances (" + e.getMessage() + "); try again");
        }
        try {
          Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new ReadFailure(ReadFailure.SERVICE_UNAVAILABLE, what + " was not read: interrupted");
        }
      }
    }
  }

  private static ExecutionArn executionArn(String value) {
    try {
      return new ExecutionArn(value);
    } catch (IllegalArgumentException e) {
      throw ReadFailure.of(ApiError.INVALID_ARN, "Invalid Arn: '" + value + "'");
    }
  }

  private static StateMachineArn stateMachineArn(String value) {
    try {
      return new StateMachineArn(value);
    } catch (IllegalArgumentException e) {
      throw ReadFailure.of(ApiError.INVALID_ARN, "Invalid Arn: '" + value + "'");
    }
  }

  private static int pageSize(int maxResults) {
    if (maxResults < 0 || maxResults > MAX_PAGE_SIZE) {
      throw ReadFailure.validation("maxResults", maxResults,
          maxResults < 0 ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 1000");
    }
    return maxResults == 0 ? DEFAULT_PAGE_SIZE : maxResults;
  }

  private static ExecutionStatus status(String statusFilter) {
    if (!STATUS_FILTERS.contains(statusFilter)) {
      throw ReadFailure.validation("statusFilter", statusFilter, "Member must satisfy enum value set: " + STATUS_FILTERS);
    }
    if (statusFilter.equals("PENDING_REDRIVE")) {
      throw ReadFailure.of(ApiError.VALIDATION_EXCEPTION, "The statusFilter PENDING_REDRIVE is only valid with a mapRunArn");
    }
    return ExecutionStatus.valueOf(statusFilter);
  }

  private static String redriveFilter(String redriveFilter) {
    if (!redriveFilter.equals(Redrives.REDRIVEN) && !redriveFilter.equals(Redrives.NOT_REDRIVEN)) {
      throw ReadFailure.validation("redriveFilter", redriveFilter,
          "Member must satisfy enum value set: [" + Redrives.REDRIVEN + ", " + Redrives.NOT_REDRIVEN + "]");
    }
    return redriveFilter;
  }
}
