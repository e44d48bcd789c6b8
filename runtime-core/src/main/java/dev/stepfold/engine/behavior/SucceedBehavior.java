package dev.stepfold.engine.behavior;

import dev.stepfold.asl.SucceedState;
import dev.stepfold.asl.Transition;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.history.ScopePath;
import java.util.Optional;

final class SucceedBehavior {
  private SucceedBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, SucceedState state) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, false, Optional.empty());
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    return StateFlow.exit(out, scope, state, DataFlow.afterInput(state, active.input(), effectiveInput, env), Transition.END);
  }
}
