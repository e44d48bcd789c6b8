package dev.stepfold.engine.behavior;

import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.Transition;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.history.ScopePath;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.ChoiceRules;
import java.util.Optional;

/** Choice: the first rule that matches picks the next state, else Default, else {@code States.NoChoiceMatched}. */
final class ChoiceBehavior {
  private ChoiceBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, ChoiceState state) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, false, Optional.empty());
    var effectiveInput = JsonPathFlow.effectiveInput(state, active.input(), env);
    var roots = env.roots(effectiveInput);
    var next = state.choices().stream()
        .filter(choice -> ChoiceRules.matches(choice.rule(), roots))
        .map(choice -> choice.next())
        .findFirst()
        .or(state::defaultState)
        .orElseThrow(() -> new StatesFailure(StatesError.NO_CHOICE_MATCHED,
            "An error occurred while executing the state '%s' (entered at the event id #%d). No Choice rule matched the input and the state has no Default."
                .formatted(state.name(), active.enteredEventId())));
    return StateFlow.exit(out, scope, state, JsonPathFlow.outputPath(state.io(), effectiveInput, env), Transition.to(next));
  }
}
