package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.history.EventDetails;
import dev.stepfold.local.LocalRun;
import dev.stepfold.local.LocalRunner;
import dev.stepfold.local.TaskAnswer;
import dev.stepfold.local.TaskAnswers;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random definitions of Pass, Task, Choice, Parallel, inline Map and Distributed Map states and random failure
 * points, failing and then redriving until the execution succeeds gives the same output as a run in which nothing
 * failed; no task that succeeded is scheduled again (R19–R23, R33, R45, R48); and every history folds to the state
 * decide returned (the test kit checks it after each command; the local runner's histories are folded at the end).
 */
class RedrivePropertyTest {

  record Scenario(List<String> states, List<Boolean> failures) {}

  @Property(tries = 150)
  void redrivingUntilSuccessGivesTheOutputOfARunThatNeverFailed(@ForAll("scenarios") Scenario scenario) {
    var definition = definition(scenario.states());
    var clean = run(definition, List.of());
    assertThat(clean.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    var redriven = run(definition, scenario.failures());

    assertThat(redriven.execution.status()).as(redriven.sequence().toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.execution.output()).isEqualTo(clean.execution.output());
    assertNoSucceededTaskRanAgain(redriven);
  }

  private static EngineTestKit run(String definition, List<Boolean> failures) {
    var engine = EngineTestKit.given(definition);
    engine.start("{\"n\": 3, \"items\": [1, 2, 3]}");
    answerAndRedriveUntilSuccess(engine, failures, failed -> redrive -> { });
    return engine;
  }

  /**
   * Answers every task, failing it when the next planned failure says so, and redrives each failed attempt;
   * {@code aroundRedrive} sees the failed execution before each redrive and the redrive's decision after it.
   */
  static void answerAndRedriveUntilSuccess(EngineTestKit engine, List<Boolean> failures,
      Function<EngineTestKit, Consumer<Decision>> aroundRedrive) {
    answerAndRedriveUntilSuccess(engine, failures, aroundRedrive,
        (failed, count) -> new Command.RedriveExecution("redrive-" + count, failed.executionArn, Optional.of("token-" + count)));
  }

  /** The same, redriving with the command {@code redrive} makes of the failed execution and the redrive's number. */
  static void answerAndRedriveUntilSuccess(EngineTestKit engine, List<Boolean> failures,
      Function<EngineTestKit, Consumer<Decision>> aroundRedrive, BiFunction<EngineTestKit, Integer, Command.RedriveExecution> redrive) {
    var plan = failures.iterator();
    int redrives = 0;
    for (int step = 0; step < 500 && engine.execution.status() != ExecutionStatus.SUCCEEDED; step++) {
      if (engine.execution.status().isClosed()) {
        var after = aroundRedrive.apply(engine);
        after.accept(engine.send(redrive.apply(engine, ++redrives)));
        continue;
      }
      var task = engine.openTasks().get(0);
      if (plan.hasNext() && plan.next()) {
        engine.fail(task, "Flaky", "try again later");
      } else {
        engine.succeed(task, "{\"done\": " + task.payload() + "}");
      }
    }
  }

  /** A task is known by the top-level state it runs under, its branch or iteration, and its state name. */
  private static void assertNoSucceededTaskRanAgain(EngineTestKit engine) {
    var succeeded = new HashSet<String>();
    var topLevelState = "";
    for (var event : engine.history) {
      if (event.scope().isRoot() && event.details() instanceof EventDetails.StateEntered entered) {
        topLevelState = entered.name();
      }
      if (event.type() == HistoryEventType.TASK_STATE_ENTERED) {
        var identity = identity(topLevelState, event.scope(), event.details(EventDetails.StateEntered.class).name());
        assertThat(succeeded).as("a task that succeeded is entered again: %s", identity).doesNotContain(identity);
      } else if (event.type() == HistoryEventType.TASK_STATE_EXITED) {
        succeeded.add(identity(topLevelState, event.scope(), event.details(EventDetails.StateExited.class).name()));
      }
    }
  }

  private static String identity(String topLevelState, ScopePath scope, String stateName) {
    return topLevelState + scope + "/" + stateName;
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    var states = Arbitraries.of("Pass", "Task", "Choice", "Parallel", "Map").list().ofMinSize(1).ofMaxSize(6);
    var failures = Arbitraries.of(true, false).list().ofMaxSize(15);
    return Combinators.combine(states, failures).as(Scenario::new);
  }

  @Property(tries = 100)
  void redrivingADistributedMapUntilSuccessGivesTheOutputOfARunThatNeverFailed(@ForAll("scenariosWithDistributedMaps") Scenario scenario) {
    var definition = definition(scenario.states());
    var clean = runLocally(definition, List.of());
    assertThat(clean.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    var redriven = runLocally(definition, scenario.failures());

    assertThat(redriven.status()).as(redriven.events().toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.output()).isEqualTo(clean.output());
    assertFoldsAndNoSucceededTaskRanAgain(redriven);
  }

  @Provide
  Arbitrary<Scenario> scenariosWithDistributedMaps() {
    var states = Arbitraries.of("Pass", "Task", "Parallel", "Map", "DistributedMap").list().ofMinSize(1).ofMaxSize(4)
        .filter(types -> types.contains("DistributedMap"));
    var failures = Arbitraries.of(true, false).list().ofMaxSize(15);
    return Combinators.combine(states, failures).as(Scenario::new);
  }

  /** The local runner answers the tasks of the execution and of its map runs' children, in dispatch order. */
  private static LocalRun runLocally(String definition, List<Boolean> failures) {
    var plan = failures.iterator();
    TaskAnswers answers = task -> plan.hasNext() && plan.next() ? TaskAnswer.fail("Flaky", "try again later")
        : TaskAnswer.succeed("{\"done\": " + task.payload() + "}");
    var kit = EngineTestKit.given(definition);
    var runner = new LocalRunner(kit.decider);
    var run = runner.run(new Command.StartExecution("start", kit.executionArn, kit.stateMachineArn, ExecutionType.STANDARD, kit.definition,
        "{\"n\": 3, \"items\": [1, 2, 3]}", EngineTestKit.ROLE), EngineTestKit.T0, answers);
    for (int redrive = 1; redrive < 50 && run.status() != ExecutionStatus.SUCCEEDED; redrive++) {
      assertThat(run.stuck()).isEmpty();
      run = runner.redrive(run, new Command.RedriveExecution("redrive-" + redrive, kit.executionArn, Optional.of("token-" + redrive)),
          run.end().plusSeconds(1), answers);
    }
    return run;
  }

  private static void assertFoldsAndNoSucceededTaskRanAgain(LocalRun run) {
    var engine = EngineTestKit.given("{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}");
    assertThat(engine.replay(run.events())).as("the history folds to the run's state").isEqualTo(run.execution());
    engine.history.addAll(run.events());
    assertNoSucceededTaskRanAgain(engine);
    for (var mapRun : run.mapRuns().values()) {
      for (var child : mapRun.children().values()) {
        assertFoldsAndNoSucceededTaskRanAgain(child);
        assertThat(child.events().stream().filter(event -> event.type() == HistoryEventType.EXECUTION_SUCCEEDED).count())
            .as("a child that succeeded never runs again").isLessThanOrEqualTo(1);
      }
    }
  }

  private static final String TASK_BRANCH = "{\"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\","
      + " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}}";

  private static final String DISTRIBUTED_TASK_BRANCH = "{\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
      + " \"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}}";

  /** A chain Step0 → … → Done without Retry or Catch, so that every task failure fails the execution. */
  static String definition(List<String> types) {
    var states = new ArrayList<String>();
    for (int i = 0; i < types.size(); i++) {
      var next = i + 1 < types.size() ? "Step" + (i + 1) : "Done";
      var body = switch (types.get(i)) {
        case "Pass" -> "\"Type\": \"Pass\", \"Result\": %d, \"ResultPath\": \"$.pass%d\", \"Next\": \"%s\"".formatted(i, i, next);
        case "Choice" -> "\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", \"NumericEquals\": 3, \"Next\": \"%s\"}], \"Default\": \"Done\""
            .formatted(next);
        case "Parallel" -> ("\"Type\": \"Parallel\", \"ResultPath\": \"$.parallel%d\", \"Branches\": [%s, {\"StartAt\": \"Echo\","
            + " \"States\": {\"Echo\": {\"Type\": \"Pass\", \"End\": true}}}, %s], \"Next\": \"%s\"").formatted(i, TASK_BRANCH, TASK_BRANCH, next);
        case "Map" -> "\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"ResultPath\": \"$.map%d\", \"ItemProcessor\": %s, \"Next\": \"%s\""
            .formatted(i, TASK_BRANCH, next);
        case "DistributedMap" -> ("\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"ResultPath\": \"$.dmap%d\", \"ItemProcessor\": %s,"
            + " \"Next\": \"%s\"").formatted(i, DISTRIBUTED_TASK_BRANCH, next);
        default -> "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"ResultPath\": \"$.task%d\", \"Next\": \"%s\""
            .formatted(i, next);
      };
      states.add("\"Step%d\": {%s}".formatted(i, body));
    }
    states.add("\"Done\": {\"Type\": \"Succeed\"}");
    return "{\"StartAt\": \"Step0\", \"States\": {" + String.join(", ", states) + "}}";
  }
}
