package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random definitions of Pass, Choice, Wait, Task, Parallel and Map states (with Retry and Catch) and random task
 * outcomes,
 * folding the events {@code decide} produced always rebuilds the state {@code decide} returned (the test kit checks
 * it after every command), and every execution ends.
 */
class FoldPropertyTest {

  record StateSpec(String type, int seconds, int maxAttempts, boolean catches) {}

  record Scenario(List<StateSpec> states, List<Integer> outcomes) {}

  @Property(tries = 300)
  void foldingTheHistoryRebuildsTheDecidedState(@ForAll("scenarios") Scenario scenario) {
    var engine = EngineTestKit.given(definition(scenario.states()));
    engine.start("{\"n\": 7, \"name\": \"order\", \"items\": [1, 2]}");
    var pendingTimers = new LinkedHashMap<TimerId, TimerChange.Set>();
    var outcomes = scenario.outcomes().iterator();
    int seenTimers = 0;

    for (int step = 0; step < 200 && !engine.execution.status().isClosed(); step++) {
      seenTimers = track(engine.timers, seenTimers, pendingTimers);
      var open = engine.openTasks();
      if (!open.isEmpty()) {
        int outcome = outcomes.hasNext() ? outcomes.next() : 0;
        var task = open.get(step % open.size());
        switch (outcome) {
          case 0 -> engine.succeed(task, "{\"ok\": true}");
          case 1 -> engine.fail(task, "Retryable", "try again");
          default -> engine.fail(task, "Fatal", "give up");
        }
      } else {
        var next = pendingTimers.values().stream().min(Comparator.comparing(TimerChange.Set::due)).orElseThrow(
            () -> new AssertionError("Expected a task or a timer to wait on, but there is neither: " + engine.sequence()));
        pendingTimers.remove(next.timerId());
        if (next.due().isAfter(engine.now)) {
          engine.now = next.due();
        }
        engine.fire(next.timerId());
      }
    }
    assertThat(engine.execution.status().isClosed()).as("the execution ended: %s", engine.sequence()).isTrue();
  }

  static int track(List<TimerChange> changes, int seen, Map<TimerId, TimerChange.Set> pending) {
    for (int i = seen; i < changes.size(); i++) {
      var change = changes.get(i);
      if (change instanceof TimerChange.Set set) {
        pending.put(set.timerId(), set);
      } else {
        pending.remove(change.timerId());
      }
    }
    return changes.size();
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    var state = Combinators.combine(
            Arbitraries.of("Pass", "Choice", "Wait", "Task", "Parallel", "Map"), Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
        .as(StateSpec::new);
    return Combinators.combine(state.list().ofMinSize(1).ofMaxSize(7), Arbitraries.integers().between(0, 2).list().ofMaxSize(20))
        .as(Scenario::new);
  }

  private static final String TASK_BRANCH = "{\"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\","
      + " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Retry\": [{\"ErrorEquals\": [\"Retryable\"], \"MaxAttempts\": 1}],"
      + " \"End\": true}}}";
  private static final String PASS_BRANCH = "{\"StartAt\": \"Echo\", \"States\": {\"Echo\": {\"Type\": \"Pass\", \"End\": true}}}";

  private static String catcher(StateSpec spec) {
    return spec.catches() ? ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\", \"Next\": \"Recover\"}]" : "";
  }

  /** A chain Step0 → Step1 → … → Done; Choice may skip ahead, a caught Task goes to Recover (there only when used). */
  static String definition(List<StateSpec> specs) {
    var states = new ArrayList<String>();
    for (int i = 0; i < specs.size(); i++) {
      var spec = specs.get(i);
      var next = i + 1 < specs.size() ? "Step" + (i + 1) : "Done";
      var skip = i + 2 < specs.size() ? "Step" + (i + 2) : "Done";
      var body = switch (spec.type()) {
        case "Pass" -> "\"Type\": \"Pass\", \"Result\": {\"step\": %d}, \"ResultPath\": \"$.last\", \"Next\": \"%s\"".formatted(i, next);
        case "Choice" -> ("\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", \"NumericGreaterThan\": %d, \"Next\": \"%s\"}],"
            + " \"Default\": \"%s\"").formatted(spec.seconds() * 3, skip, next);
        case "Wait" -> "\"Type\": \"Wait\", \"Seconds\": %d, \"Next\": \"%s\"".formatted(spec.seconds(), next);
        case "Parallel" -> ("\"Type\": \"Parallel\", \"ResultPath\": \"$.parallel%d\", \"Branches\": [%s, %s],"
            + " \"Retry\": [{\"ErrorEquals\": [\"Retryable\"], \"MaxAttempts\": %d}]%s, \"Next\": \"%s\"")
            .formatted(i, TASK_BRANCH, PASS_BRANCH, spec.maxAttempts(), catcher(spec), next);
        case "Map" -> ("\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"MaxConcurrency\": %d, \"ResultPath\": \"$.map%d\","
            + " \"ItemProcessor\": %s%s, \"Next\": \"%s\"").formatted(spec.seconds() % 2, i, TASK_BRANCH, catcher(spec), next);
        default -> ("\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"ResultPath\": \"$.task%d\","
            + " \"Retry\": [{\"ErrorEquals\": [\"Retryable\"], \"IntervalSeconds\": %d, \"MaxAttempts\": %d}]%s, \"Next\": \"%s\"")
            .formatted(i, Math.max(1, spec.seconds()), spec.maxAttempts(),
                spec.catches() ? ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\", \"Next\": \"Recover\"}]" : "",
                next);
      };
      states.add("\"Step%d\": {%s}".formatted(i, body));
    }
    if (specs.stream().anyMatch(spec -> !spec.type().equals("Pass") && !spec.type().equals("Choice") && !spec.type().equals("Wait")
        && spec.catches())) {
      states.add("\"Recover\": {\"Type\": \"Pass\", \"Next\": \"Done\"}");
    }
    states.add("\"Done\": {\"Type\": \"Succeed\"}");
    return "{\"StartAt\": \"Step0\", \"States\": {" + String.join(", ", states) + "}}";
  }
}
