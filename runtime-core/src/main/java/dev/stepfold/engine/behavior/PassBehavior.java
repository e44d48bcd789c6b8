package dev.stepfold.engine.behavior;

import dev.stepfold.asl.PassState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.history.ScopePath;
import java.util.Optional;

/** Pass: its Result (or its effective input) placed by ResultPath; in JSONata, its Output. */
final class PassBehavior {
  private PassBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, PassState state) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, false, Optional.empty());
    if (DataFlow.jsonata(state)) {
      return StateFlow.exit(out, scope, state, DataFlow.afterInput(state, active.input(), active.input(), env), state.transition());
    }
    // A Result takes the place of the input: InputPath and Parameters are not applied.
    state.result().ifPresent(result -> env.inspect("result", result));
    var result = state.result().orElseGet(() -> JsonPathFlow.parameters(state, JsonPathFlow.effectiveInput(state, active.input(), env), env));
    env.inspect("afterResultSelector", result);   // a Pass has no ResultSelector: its result goes on as it is
    var assigned = DataFlow.assignJsonPath(state.io().assign(), result, env);
    var output = JsonPathFlow.output(state.io(), active.input(), result, env);
    return StateFlow.exit(out, scope, state, new Outcome(output, assigned), state.transition());
  }
}
