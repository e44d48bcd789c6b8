package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.ScopePath;
import dev.stepfold.redrive.RedrivePlan;
import dev.stepfold.redrive.RedrivePlanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For the random definitions and failure points of {@link RedrivePropertyTest}, every time the execution has failed
 * the redrive plan is taken, then the execution is redriven, and the plan is held against what the redrive appended.
 * Each property is one rule of the redrive specification the plan must state as the redrive applies it.
 */
class RedrivePlanPropertyTest {

  @Provide
  Arbitrary<RedrivePropertyTest.Scenario> scenarios() {
    return new RedrivePropertyTest().scenarios();
  }

  @Property(tries = 100)
  void R2_R11_thePlanIsRefusedWithTheReasonTheRedriveIsRefusedWith(@ForAll("scenarios") RedrivePropertyTest.Scenario scenario) {
    var engine = EngineTestKit.given(RedrivePropertyTest.definition(scenario.states()));
    engine.start("{\"n\": 3, \"items\": [1, 2, 3]}");
    assertRefusedAlike(engine);   // RUNNING

    redriveUntilSuccess(engine, scenario.failures(), (plan, redrive) -> assertThat(plan.redrivable()).isTrue());

    assertRefusedAlike(engine);   // SUCCEEDED
  }

  @Property(tries = 150)
  void R19_R20_R35_thePlanNamesEveryStateTheRedriveEntersAgainWithTheInputItGets(@ForAll("scenarios") RedrivePropertyTest.Scenario scenario) {
    var engine = EngineTestKit.given(RedrivePropertyTest.definition(scenario.states()));
    engine.start("{\"n\": 3, \"items\": [1, 2, 3]}");

    redriveUntilSuccess(engine, scenario.failures(), (plan, redrive) -> {
      var entered = firstEnteredByScope(redrive.events());
      assertThat(plan.reruns()).as("one top-level state reruns").hasSize(1);
      var planned = new LinkedHashMap<ScopePath, RedrivePlan.Rerun>();
      collect(plan.reruns().get(0), ScopePath.ROOT, planned);
      planned.forEach((scope, rerun) -> {
        assertThat(entered).as("the redrive enters a state in %s", scope).containsKey(scope);
        assertThat(entered.get(scope).name()).as("the state it enters in %s", scope).isEqualTo(rerun.stateName());
        assertThat(entered.get(scope).input()).as("R20: the input of %s in %s", rerun.stateName(), scope).isEqualTo(rerun.input());
      });
    });
  }

  @Property(tries = 150)
  void R33_thePlanKeepsExactlyTheBranchesAndIterationsTheRedriveLeavesAlone(@ForAll("scenarios") RedrivePropertyTest.Scenario scenario) {
    var engine = EngineTestKit.given(RedrivePropertyTest.definition(scenario.states()));
    engine.start("{\"n\": 3, \"items\": [1, 2, 3]}");

    redriveUntilSuccess(engine, scenario.failures(), (plan, redrive) -> forEachFanout(plan.reruns().get(0), ScopePath.ROOT, (scope, branch) -> {
      var branchScope = scope.child(branch.index());
      boolean touched = redrive.events().stream().anyMatch(event -> within(event.scope(), branchScope));
      assertThat(touched).as("the redrive appends events in %s exactly when the plan does not keep it", branchScope)
          .isEqualTo(!branch.keepsResult());
    }));
  }

  private interface PlanCheck {
    void check(RedrivePlan plan, Decision redrive);
  }

  /** Each time the execution has failed, takes the plan, then checks it against the redrive's decision. */
  private static void redriveUntilSuccess(EngineTestKit engine, List<Boolean> failures, PlanCheck check) {
    RedrivePropertyTest.answerAndRedriveUntilSuccess(engine, failures, failed -> {
      var plan = RedrivePlanner.plan(failed.decider, failed.execution, failed.now);
      return redrive -> check.check(plan, redrive);
    });
  }

  private static void assertRefusedAlike(EngineTestKit engine) {
    var planned = RedrivePlanner.plan(engine.decider, engine.execution, engine.now);
    var redrive = engine.send(new Command.RedriveExecution("refused", engine.executionArn, Optional.empty()));
    assertThat(redrive.reply()).isInstanceOf(Reply.Rejected.class);
    assertThat(planned.notRedrivableReason()).contains(((Reply.Rejected) redrive.reply()).message());
  }

  /** The first state entered in each scope: the one a redrive enters again there. */
  private static Map<ScopePath, EventDetails.StateEntered> firstEnteredByScope(List<HistoryEvent> events) {
    var entered = new LinkedHashMap<ScopePath, EventDetails.StateEntered>();
    for (var event : events) {
      if (event.details() instanceof EventDetails.StateEntered details) {
        entered.putIfAbsent(event.scope(), details);
      }
    }
    return entered;
  }

  private static void collect(RedrivePlan.Rerun rerun, ScopePath scope, Map<ScopePath, RedrivePlan.Rerun> planned) {
    planned.put(scope, rerun);
    for (var branch : rerun.branches()) {
      branch.rerun().ifPresent(inner -> collect(inner, scope.child(branch.index()), planned));
    }
  }

  private interface BranchCheck {
    void check(ScopePath fanoutScope, RedrivePlan.Branch branch);
  }

  private static void forEachFanout(RedrivePlan.Rerun rerun, ScopePath scope, BranchCheck check) {
    for (var branch : rerun.branches()) {
      check.check(scope, branch);
      branch.rerun().ifPresent(inner -> forEachFanout(inner, scope.child(branch.index()), check));
    }
  }

  private static boolean within(ScopePath scope, ScopePath ancestor) {
    return scope.indexes().size() >= ancestor.indexes().size() && scope.indexes().subList(0, ancestor.indexes().size()).equals(ancestor.indexes());
  }
}
