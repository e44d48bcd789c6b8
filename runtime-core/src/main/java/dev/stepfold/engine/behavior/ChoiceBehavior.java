package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.stepfold.asl.Choice;
import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.Transition;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.ScopePath;
import dev.stepfold.paths.Jsonata;
import java.util.Optional;

/**
 * Choice: the first rule that matches picks the next state (and its Assign and Output), else Default (with the
 * state's), else {@code States.NoChoiceMatched}.
 */
final class ChoiceBehavior {
  private ChoiceBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, ChoiceState state) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, false, Optional.empty());
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    for (var choice : state.choices()) {
      if (matches(choice.rule(), active.input(), effectiveInput, env)) {
        return exit(out, scope, state, choice, effectiveInput, env);
      }
    }
    var defaultState = state.defaultState().orElseThrow(() -> new StatesFailure(StatesError.NO_CHOICE_MATCHED,
        "An error occurred while executing the state '%s' (entered at the event id #%d). No Choice rule matched the input and the state has no Default."
            .formatted(state.name(), active.enteredEventId())));
    var outcome = DataFlow.afterInput(state, active.input(), effectiveInput, env);
    return StateFlow.exit(out, scope, state, outcome, Transition.to(defaultState));
  }

  private static Step exit(DecisionBuilder out, ScopePath scope, ChoiceState state, Choice choice, JsonNode effectiveInput, StateEnv env) {
    var input = out.active(scope).input();
    var outcome = DataFlow.afterInput(state, input, effectiveInput, choice.assign(), choice.output(), env);
    return StateFlow.exit(out, scope, state, outcome, Transition.to(choice.next()));
  }

  private static boolean matches(ChoiceRule rule, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (rule instanceof ChoiceRule.Condition condition) {
      var value = condition.expression().equals("true") || condition.expression().equals("false")
          ? BooleanNode.valueOf(Boolean.parseBoolean(condition.expression()))
          : Jsonata.evaluate(condition.expression(), env.jsonata(input), "Condition");
      if (!value.isBoolean()) {
        throw Jsonata.unexpectedResultType(condition.expression(), "Condition", "boolean", value);
      }
      return value.booleanValue();
    }
    return ChoiceRules.matches(rule, env.roots(effectiveInput));
  }
}
