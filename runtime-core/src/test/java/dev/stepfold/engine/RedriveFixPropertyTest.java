package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.codec.HistoryJson;
import dev.stepfold.history.RedriveFix;
import java.util.Optional;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A redrive after a fix that changes nothing is a plain redrive: for random definitions and failure points (those of
 * {@link RedrivePropertyTest}), redriving every failure onto a version with the same definition, or from the
 * top-level state that failed, gives the history a plain redrive gives, event for event as GetExecutionHistory shows
 * it to AWS clients.
 */
class RedriveFixPropertyTest {

  @Property(tries = 150)
  void aRedriveOntoAnIdenticalVersionEqualsAPlainRedrive(@ForAll("scenarios") RedrivePropertyTest.Scenario scenario) {
    var definition = RedrivePropertyTest.definition(scenario.states());
    var plain = run(definition, scenario, RedriveFixPropertyTest::plainRedrive);

    var ontoVersion = run(definition, scenario, (failed, count) -> withFix(plainRedrive(failed, count),
        new RedriveFix(Optional.of(new RedriveFix.Version(failed.stateMachineArn.value() + ":2", Optional.empty(), failed.definition)),
            Optional.empty(), Optional.empty())));

    assertThat(HistoryJson.toJson(ontoVersion.history)).isEqualTo(HistoryJson.toJson(plain.history));
    assertThat(ontoVersion.execution.output()).isEqualTo(plain.execution.output());
  }

  @Property(tries = 150)
  void aRedriveFromTheTopLevelStateThatFailedEqualsAPlainRedrive(@ForAll("scenarios") RedrivePropertyTest.Scenario scenario) {
    var definition = RedrivePropertyTest.definition(scenario.states());
    var plain = run(definition, scenario, RedriveFixPropertyTest::plainRedrive);

    var fromState = run(definition, scenario, (failed, count) -> withFix(plainRedrive(failed, count),
        new RedriveFix(Optional.empty(), failed.execution.root().active().map(ActiveState::stateName), Optional.empty())));

    assertThat(HistoryJson.toJson(fromState.history)).isEqualTo(HistoryJson.toJson(plain.history));
    assertThat(fromState.execution.output()).isEqualTo(plain.execution.output());
  }

  @Provide
  Arbitrary<RedrivePropertyTest.Scenario> scenarios() {
    return new RedrivePropertyTest().scenarios();
  }

  private static EngineTestKit run(String definition, RedrivePropertyTest.Scenario scenario,
      BiFunction<EngineTestKit, Integer, Command.RedriveExecution> redrive) {
    var engine = EngineTestKit.given(definition);
    engine.start("{\"n\": 3, \"items\": [1, 2, 3]}");
    RedrivePropertyTest.answerAndRedriveUntilSuccess(engine, scenario.failures(), failed -> decision -> {
      assertThat(decision.isRejected()).as("the redrive was refused: %s", decision.reply()).isFalse();
    }, redrive);
    assertThat(engine.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return engine;
  }

  private static Command.RedriveExecution plainRedrive(EngineTestKit failed, int count) {
    return new Command.RedriveExecution("redrive-" + count, failed.executionArn, Optional.of("token-" + count));
  }

  private static Command.RedriveExecution withFix(Command.RedriveExecution redrive, RedriveFix fix) {
    return new Command.RedriveExecution(redrive.requestId(), redrive.executionArn(), redrive.clientToken(), redrive.origin(), fix);
  }
}
