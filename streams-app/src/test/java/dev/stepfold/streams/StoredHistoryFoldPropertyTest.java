package dev.stepfold.streams;

import static dev.stepfold.streams.ReadsDriver.execution;
import static dev.stepfold.streams.ReadsDriver.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For random workflows of Pass, Wait, Task (with and without Retry), Parallel and Map states, random task outcomes and a
 * redrive of what failed, folding the events read back from the history store rebuilds, after every command and timer,
 * exactly the state the processor decided and keeps in its cache, and so does reading back the snapshot it stored. One driver serves every try, each on its own execution.
 */
class StoredHistoryFoldPropertyTest {
  private static final Map<String, ExecutionState> DECIDED = new ConcurrentHashMap<>();
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final ExecutionSnapshots SNAPSHOTS = ExecutionSnapshots.parsingDefinitions();
  private static ReadsDriver reads;

  record Scenario(List<String> states, List<Integer> outcomes, boolean redrive) {}

  @BeforeContainer
  static void startDriver() {
    var engine = new StepfoldDecider();
    reads = new ReadsDriver(Map.of(), () -> new ExecutionDecider() {
      @Override
      public ExecutionState initialState() {
        return engine.initialState();
      }

      @Override
      public Decision decide(ExecutionState execution, Command command, Instant now) {
        var decision = engine.decide(execution, command, now);
        DECIDED.put(command.executionArn().value(), decision.execution());
        return decision;
      }

      @Override
      public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
        return engine.evolve(execution, event);
      }
    });
  }

  @AfterContainer
  static void closeDriver() {
    reads.close();
  }

  @Property(tries = 40)
  void foldingTheStoredHistoryRebuildsTheDecidedState(@ForAll("scenarios") Scenario scenario) {
    var execution = execution("fold", "run-" + RUNS.incrementAndGet());
    reads.send(start("start", execution, definition(scenario.states()), "{\"items\": [1, 2]}"), reads.now());
    assertFoldMatches(execution);
    var outcomes = scenario.outcomes().iterator();
    var open = new ArrayList<String>();
    boolean redriven = false;
    for (int step = 0; step < 80; step++) {
      reads.tasks.readValuesToList().forEach(task -> open.add(task.getTaskToken()));
      var status = DECIDED.get(execution.value()).status();
      if (status.isClosed()) {
        if (redriven || !scenario.redrive() || status == ExecutionStatus.SUCCEEDED) {
          break;
        }
        open.clear();
        reads.send(new Command.RedriveExecution("redrive", execution, Optional.empty()), reads.now());
        redriven = true;
      } else if (!open.isEmpty()) {
        var token = new TaskToken(open.remove(0));
        int outcome = outcomes.hasNext() ? outcomes.next() : 0;
        reads.send(switch (outcome) {
          case 0 -> new Command.SendTaskSuccess("task-" + step, execution, token, "{\"ok\": true}");
          case 1 -> new Command.SendTaskFailure("task-" + step, execution, token, Optional.of("Retryable"), Optional.of("again"));
          default -> new Command.SendTaskFailure("task-" + step, execution, token, Optional.of("Fatal"), Optional.empty());
        }, reads.now());
      } else {
        reads.advance(Duration.ofSeconds(3));   // Waits and retry back-offs fire
      }
      assertFoldMatches(execution);
    }
    Statistics.collect(DECIDED.get(execution.value()).status(), redriven ? "redriven" : "not redriven");
  }

  private static void assertFoldMatches(ExecutionArn execution) {
    var stored = new HistoryStore(reads.store(StepfoldTopology.HISTORY_STORE), reads.codec).events(execution);
    var decided = DECIDED.get(execution.value());
    assertThat(ExecutionStore.fold(new StepfoldDecider(), stored)).as("the fold of the stored history of %s", execution).isEqualTo(decided);
    var snapshot = SNAPSHOTS.decode(execution.value(), reads.store(StepfoldTopology.EXECUTIONS_STORE).get(execution.value()));
    assertThat(snapshot).as("the stored snapshot of %s", execution).isEqualTo(decided);
  }

  private static String definition(List<String> states) {
    var json = new StringBuilder("{\"StartAt\": \"S0\", \"States\": {");
    for (int i = 0; i < states.size(); i++) {
      var next = i == states.size() - 1 ? "\"End\": true" : "\"Next\": \"S" + (i + 1) + "\"";
      json.append(i == 0 ? "" : ", ").append("\"S").append(i).append("\": ").append(switch (states.get(i)) {
        case "Pass" -> "{\"Type\": \"Pass\", \"Result\": {\"step\": " + i + "}, \"ResultPath\": \"$.pass\", " + next + "}";
        case "Wait" -> "{\"Type\": \"Wait\", \"Seconds\": 2, " + next + "}";
        case "Task" -> task(next, "");
        case "RetriedTask" -> task(next, ", \"Retry\": [{\"ErrorEquals\": [\"Retryable\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 2}]");
        case "Parallel" -> "{\"Type\": \"Parallel\", \"ResultPath\": \"$.parallel\", " + next + ", \"Branches\": ["
            + "{\"StartAt\": \"A\", \"States\": {\"A\": " + task("\"End\": true", "") + "}},"
            + "{\"StartAt\": \"B\", \"States\": {\"B\": " + task("\"End\": true", "") + "}}]}";
        default -> "{\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"ResultPath\": \"$.map\", " + next
            + ", \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": " + task("\"End\": true", "") + "}}}";
      });
    }
    return json.append("}}").toString();
  }

  private static String task(String next, String retry) {
    return "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"ResultPath\": null, " + next + retry + "}";
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    var state = Arbitraries.of("Pass", "Wait", "Task", "RetriedTask", "Parallel", "Map");
    return Combinators.combine(state.list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(0, 2).list().ofMaxSize(12),
        Arbitraries.of(true, false)).as(Scenario::new);
  }
}
