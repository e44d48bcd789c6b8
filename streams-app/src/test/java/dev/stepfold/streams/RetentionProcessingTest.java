package dev.stepfold.streams;

import static dev.stepfold.streams.ReadsDriver.T0;
import static dev.stepfold.streams.ReadsDriver.execution;
import static dev.stepfold.streams.ReadsDriver.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention through the whole topology, on the driver's wall clock: with an hour's retention, what closed is deleted an
 * hour later from every store of the task, and reads answer as AWS does after its retention.
 */
class RetentionProcessingTest {
  private static final Duration RETENTION = Duration.ofHours(1);
  private static final String DONE = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""";
  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";
  private static final String REFUSE = """
      {"StartAt": "Refuse", "States": {"Refuse": {"Type": "Fail", "Error": "Payment.Declined", "Cause": "no"}}}""";
  private static final String EACH = """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""";
  /** The global stores, which follow their topics (state machines, activities) and hold nothing of an execution. */
  private static final List<String> GLOBAL_STORES = List.of(StateMachineAndMapRunNodes.STATE_MACHINES_STORE, ActivityNodes.ACTIVITY_DIRECTORY_STORE);

  private ReadsDriver reads = driver(Map.of());

  @AfterEach
  void close() {
    reads.close();
  }

  @Test
  void shouldDeleteAClosedExecutionWithItsHistoryAndIndexEntryOnceItsRetentionEnded() {
    var done = execution("orders", "done");
    reads.send(start("r-1", done, DONE, "{}"), T0);

    reads.advance(RETENTION.minusMinutes(1));
    assertThat(reads.queries.describeExecution(done.value()).summary().status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    reads.advance(Duration.ofMinutes(2));
    assertError(() -> reads.queries.describeExecution(done.value()), "ExecutionDoesNotExist", "Execution Does Not Exist: '" + done + "'");
    assertError(() -> reads.queries.getExecutionHistory(done.value(), 0, Optional.empty(), false), "ExecutionDoesNotExist", done.value());
    assertError(() -> reads.queries.redrivePlan(done.value()), "ExecutionDoesNotExist", done.value());
    assertThat(reads.queries.listExecutions(ListExecutionsRequest.of(done.stateMachine().value())).executions()).isEmpty();
    assertThat(entriesOfEveryStore()).isEmpty();
  }

  @Test
  void shouldStartTheNameAgainOnceItsExecutionWasDeleted() {
    var done = execution("orders", "done");
    reads.send(start("r-1", done, DONE, "{\"first\": true}"), T0);
    reads.advance(RETENTION.plusSeconds(1));

    reads.send(start("r-2", done, DONE, "{\"second\": true}"), reads.now());

    var history = reads.queries.getExecutionHistory(done.value(), 0, Optional.empty(), false).events();
    assertThat(history).extracting(HistoryEvent::id).startsWith(1L);
    assertThat(history).extracting(HistoryEvent::type).containsOnlyOnce(HistoryEventType.EXECUTION_STARTED);
    var description = reads.queries.describeExecution(done.value()).summary();
    assertThat(description.input().has("second")).isTrue();
    assertThat(description.startDate()).isEqualTo(reads.now());
  }

  @Test
  void shouldKeepAnExecutionRedrivenBeforeItsRetentionEndedUntilItClosesAgainAndThatRetentionEnds() {
    var charge = execution("orders", "charge");
    reads.send(start("r-1", charge, CHARGE, "{}"), T0);
    reads.send(new Command.SendTaskFailure("r-2", charge, token(), Optional.of("Card.Declined"), Optional.empty()), T0);
    reads.advance(Duration.ofMinutes(50));
    reads.send(new Command.RedriveExecution("r-3", charge, Optional.empty()), reads.now());

    reads.advance(Duration.ofMinutes(20));   // the retention of its first close has ended; it runs again
    assertThat(reads.queries.describeExecution(charge.value()).summary().status()).isEqualTo(ExecutionStatus.RUNNING);
    var closedAgain = reads.now();
    reads.send(new Command.SendTaskSuccess("r-4", charge, token(), "{}"), closedAgain);

    reads.advance(RETENTION.minusMinutes(1));
    assertThat(reads.queries.describeExecution(charge.value()).summary().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    reads.advance(Duration.ofMinutes(2));
    assertError(() -> reads.queries.describeExecution(charge.value()), "ExecutionDoesNotExist", charge.value());
    assertThat(entriesOfEveryStore()).isEmpty();
  }

  @Test
  void shouldLetARedriveWrittenBeforeTheRetentionEndedReachTheExecutionWhenTheTaskStartsLate() {
    reads.close();
    var startedLate = T0.plus(RETENTION).plus(RETENTION);   // the runtime was down; the commands of before wait for it
    reads = new ReadsDriver(settings(Map.of()), StepfoldDecider::new, startedLate);
    var refused = execution("orders", "refused");
    reads.send(start("r-1", refused, REFUSE, "{}"), T0);

    reads.advance(Duration.ofSeconds(1));   // the first close's retention has ended by the wall clock, not by the commands read
    reads.send(new Command.RedriveExecution("r-2", refused, Optional.empty()), T0.plus(RETENTION).minus(Duration.ofMinutes(30)));
    assertThat(reads.queries.describeExecution(refused.value()).summary().redriveCount()).isEqualTo(1);

    reads.advance(Duration.ofSeconds(3));   // caught up: no command for longer than the quiet time
    assertError(() -> reads.queries.describeExecution(refused.value()), "ExecutionDoesNotExist", refused.value());
  }

  @Test
  void shouldKeepEverythingForGoodWithARetentionOfMinusOne() {
    reads.close();
    reads = new ReadsDriver(Map.of(StepfoldConfig.RETENTION_MS, "-1"), StepfoldDecider::new);
    var done = execution("orders", "done");
    reads.send(start("r-1", done, DONE, "{}"), T0);

    reads.advance(Duration.ofDays(1000));

    assertThat(reads.queries.describeExecution(done.value()).summary().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(entries(RetentionNodes.RETENTION_STORE)).isEmpty();
  }

  @Test
  void shouldStopDeletingAtEachPunctuationOnceItHasDeletedAsManyEntriesAsConfigured() {
    reads.close();
    // an execution that ran one Succeed state: 4 events, its summary, its index entry and its retention entry
    reads = driver(Map.of(StepfoldConfig.RETENTION_MAX_DELETES_PER_PUNCTUATION, "10"));
    for (int i = 0; i < 5; i++) {
      reads.send(start("r-" + i, execution("orders", "done-" + i), DONE, "{}"), T0);
    }

    var left = new ArrayList<Integer>();
    reads.advance(RETENTION);
    left.add(executionsStored());
    reads.advance(Duration.ofSeconds(1));
    left.add(executionsStored());
    reads.advance(Duration.ofSeconds(1));
    left.add(executionsStored());

    assertThat(left).containsExactly(3, 1, 0);
  }

  @Test
  void shouldDeleteADistributedMapsParentItsMapRunAndItsChildren() {
    var parent = execution("orders", "each");
    reads.send(start("r-1", parent, EACH, "[1, 2, 3]"), T0);
    assertThat(reads.queries.describeExecution(parent.value()).summary().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(reads.store(StateMachineAndMapRunNodes.MAP_RUNS_STORE).approximateNumEntries()).isPositive();
    assertThat(executionsStored()).isEqualTo(4);

    reads.advance(RETENTION.plusSeconds(1));

    var mapRun = MapRunArn.of(parent, "Each", 1);
    assertError(() -> reads.localReads().describeMapRun(mapRun), "ResourceNotFound", mapRun.value());
    assertThat(entriesOfEveryStore()).isEmpty();
  }

  @Test
  void shouldDeleteAFinishedBulkRedriveOnItsCoordinatorAndItsShard() {
    var refused = execution("orders", "refused");
    reads.send(start("r-1", refused, REFUSE, "{}"), T0);
    reads.sendJson(refused.stateMachine().value(), """
        {"requestId": "bulk-1", "executionArn": "%s", "command": {"BulkRedrive": {"statuses": ["FAILED"]}}}"""
        .formatted(refused.stateMachine()), T0);
    reads.advance(Duration.ofSeconds(1));   // the shard redrives it, and it fails again
    assertThat(reads.queries.describeExecution(refused.value()).summary().redriveCount()).isEqualTo(1);
    assertThat(entries(BulkRedriveNodes.BULK_REDRIVES_STORE)).containsOnlyKeys("request/bulk-1", "shard/done/bulk-1");

    reads.advance(RETENTION);

    assertThat(entriesOfEveryStore()).isEmpty();
  }

  private TaskToken token() {
    var dispatched = reads.tasks.readValuesToList();
    assertThat(dispatched).hasSize(1);
    return new TaskToken(dispatched.get(0).getTaskToken());
  }

  private int executionsStored() {
    return entries(StepfoldTopology.EXECUTIONS_STORE).size();
  }

  /** Every entry of every store of the task, by store. */
  private Map<String, Map<String, Object>> entriesOfEveryStore() {
    var all = new TreeMap<String, Map<String, Object>>();
    for (var name : reads.driver.getAllStateStores().keySet()) {
      if (!GLOBAL_STORES.contains(name) && !entries(name).isEmpty()) {
        all.put(name, entries(name));
      }
    }
    return all;
  }

  private Map<String, Object> entries(String storeName) {
    KeyValueStore<String, Object> store = reads.driver.getKeyValueStore(storeName);
    var entries = new TreeMap<String, Object>();
    try (var all = store.all()) {
      all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
    }
    return entries;
  }

  private static ReadsDriver driver(Map<String, String> settings) {
    return new ReadsDriver(settings(settings), StepfoldDecider::new);
  }

  /** {@code settings} with an hour's retention. */
  private static Map<String, String> settings(Map<String, String> settings) {
    var config = new HashMap<>(settings);
    config.put(StepfoldConfig.RETENTION_MS, Long.toString(RETENTION.toMillis()));
    return config;
  }

  private static void assertError(ThrowingCallable read, String errorType, String messagePart) {
    assertThatThrownBy(read).isInstanceOfSatisfying(ReadFailure.class, failure -> {
      assertThat(failure.errorType()).isEqualTo(errorType);
      assertThat(failure.getMessage()).contains(messagePart);
    });
  }
}
