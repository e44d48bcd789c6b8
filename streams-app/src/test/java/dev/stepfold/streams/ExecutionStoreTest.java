package dev.stepfold.streams;

import static dev.stepfold.streams.ReadsDriver.T0;
import static dev.stepfold.streams.ReadsDriver.execution;
import static dev.stepfold.streams.ReadsDriver.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the processor leaves in the history, executions and execution-index stores (TopologyTestDriver, deterministic time). */
class ExecutionStoreTest {
  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.charge", "End": true}}}""";

  private final ReadsDriver reads = new ReadsDriver();

  @AfterEach
  void close() {
    reads.close();
  }

  @Test
  void shouldStoreOneEntryPerEventKeyedByExecutionAndIdSoAnAppendWritesOnlyTheNewEvents() {
    var execution = execution("orders", "e-1");
    reads.send(start("r-1", execution, CHARGE, "{\"amount\": 42}"), T0);
    var afterStart = history();
    assertThat(afterStart.keySet()).containsExactly(
        ExecutionKeys.historyKey(execution, 1), ExecutionKeys.historyKey(execution, 2), ExecutionKeys.historyKey(execution, 3),
        ExecutionKeys.historyKey(execution, 4));

    succeed(execution, "r-2", T0.plusSeconds(1));

    var afterSuccess = history();
    assertThat(afterSuccess).hasSize(7);
    afterStart.forEach((key, value) -> assertThat(afterSuccess.get(key)).as("event %s is written once", key).isEqualTo(value));
    var events = new ArrayList<HistoryEvent>();
    afterSuccess.forEach((key, value) -> events.add(StoreValues.event(reads.codec, key, value)));
    assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(events.get(6).type().awsName()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void shouldKeepTheEventsOfExecutionsWhoseArnsStartAlikeApart() {
    var shorter = execution("orders", "e");
    var longer = execution("orders", "e:0000000000000000001");   // the ARN of another execution that starts like a history key
    reads.send(start("r-1", shorter, CHARGE, "{}"), T0);
    reads.send(start("r-2", longer, CHARGE, "{}"), T0);

    var history = new HistoryStore(reads.store(StepfoldTopology.HISTORY_STORE), reads.codec);

    assertThat(history.events(shorter)).hasSize(4);
    assertThat(history.events(longer)).hasSize(4);
  }

  @Test
  void shouldSummariseTheExecutionWhenItStartsAndWhenItCloses() {
    var execution = execution("orders", "e-2");
    reads.send(start("r-1", execution, CHARGE, "{\"amount\": 42}"), T0);

    var running = summary(execution);
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.executionArn()).isEqualTo(execution);
    assertThat(running.stateMachineArn()).isEqualTo(execution.stateMachine());
    assertThat(running.name()).isEqualTo("e-2");
    assertThat(running.startDate()).isEqualTo(T0);
    assertThat(running.stopDate()).isEmpty();
    assertThat(running.input().path("amount").asInt()).isEqualTo(42);
    assertThat(running.output()).isEmpty();
    assertThat(running.redriveCount()).isZero();
    assertThat(running.redriveFilter()).isEqualTo(Redrives.NOT_REDRIVEN);

    succeed(execution, "r-2", T0.plusSeconds(1));

    var succeeded = summary(execution);
    assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(succeeded.stopDate()).contains(T0.plusSeconds(1));
    assertThat(succeeded.output().orElseThrow().path("charge").asText()).isEqualTo("charged");
    assertThat(succeeded.startDate()).isEqualTo(T0);
  }

  @Test
  void shouldSummariseAFailureAndARedrive() {
    var execution = execution("orders", "e-3");
    reads.send(start("r-1", execution, CHARGE, "{}"), T0);
    var token = reads.tasks.readValue().getTaskToken();
    reads.send(new Command.SendTaskFailure("r-2", execution, new TaskToken(token), Optional.of("Card.Declined"), Optional.of("no funds")),
        T0.plusSeconds(1));

    var failed = summary(execution);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).contains("Card.Declined");
    assertThat(failed.cause()).contains("no funds");

    reads.send(new Command.RedriveExecution("r-3", execution, Optional.empty()), T0.plusSeconds(60));

    var redriven = summary(execution);
    assertThat(redriven.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(redriven.redriveCount()).isEqualTo(1);
    assertThat(redriven.redriveDate()).contains(T0.plusSeconds(60));
    assertThat(redriven.redriveFilter()).isEqualTo(Redrives.REDRIVEN);
    assertThat(redriven.startDate()).isEqualTo(T0);
  }

  @Test
  void shouldIndexAStateMachinesExecutionsNewestStartFirst() {
    var first = execution("orders", "first");
    var second = execution("orders", "second");
    var other = execution("invoices", "other");
    reads.send(start("r-1", first, CHARGE, "{}"), T0);
    reads.send(start("r-2", second, CHARGE, "{}"), T0.plusSeconds(5));
    reads.send(start("r-3", other, CHARGE, "{}"), T0.plusSeconds(9));

    var keys = new ArrayList<String>();
    var orders = first.stateMachine();
    try (var range = reads.store(StepfoldTopology.EXECUTION_INDEX_STORE).range(ExecutionKeys.firstIndexKey(orders), ExecutionKeys.lastIndexKey(orders))) {
      range.forEachRemaining(entry -> keys.add(entry.key));
    }

    assertThat(keys).containsExactly(ExecutionKeys.indexKey(orders, T0.plusSeconds(5), second), ExecutionKeys.indexKey(orders, T0, first));
    assertThat(keys).allMatch(key -> ExecutionKeys.isIndexKeyOf(key, orders));
    assertThat(keys).extracting(key -> ExecutionKeys.executionArnOfIndexKey(key, orders)).containsExactly(second.value(), first.value());
  }

  @Test
  void shouldFindTheExecutionsThatClosedBeforeACutoffOldestFirstAndForgetThem() {
    var early = execution("orders", "closed-early");
    var late = execution("orders", "closed-late");
    var open = execution("orders", "still-open");
    reads.send(start("r-1", early, CHARGE, "{}"), T0);
    succeed(early, "r-2", T0.plusSeconds(1));
    reads.send(start("r-3", late, CHARGE, "{}"), T0.plusSeconds(2));
    succeed(late, "r-4", T0.plusSeconds(3));
    reads.send(start("r-5", open, CHARGE, "{}"), T0.plusSeconds(4));
    var store = new ExecutionStore(reads.store(StepfoldTopology.EXECUTIONS_STORE), reads.store(StepfoldTopology.EXECUTION_INDEX_STORE),
        new StepfoldDecider(), ExecutionSnapshots.parsingDefinitions(), 0);

    assertThat(store.closedBefore(T0.plusSeconds(10), 10)).containsExactly(early, late);
    assertThat(store.closedBefore(T0.plusSeconds(2), 10)).containsExactly(early);

    store.forget(early);
    assertThat(store.stored(early)).isEmpty();
    assertThat(store.executionsOf(early.stateMachine())).containsExactly(open, late);
  }

  private void succeed(ExecutionArn execution, String requestId, Instant at) {
    var token = reads.tasks.readValue().getTaskToken();
    reads.send(new Command.SendTaskSuccess(requestId, execution, new TaskToken(token), "\"charged\""), at);
  }

  private Map<String, byte[]> history() {
    var entries = new LinkedHashMap<String, byte[]>();
    try (var all = reads.store(StepfoldTopology.HISTORY_STORE).all()) {
      all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
    }
    return entries;
  }

  private ExecutionSummary summary(ExecutionArn execution) {
    return ExecutionSnapshots.parsingDefinitions().summary(execution.value(), reads.store(StepfoldTopology.EXECUTIONS_STORE).get(execution.value()));
  }
}
