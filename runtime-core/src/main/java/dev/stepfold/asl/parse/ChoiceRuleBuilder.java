package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.Choice;
import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.List;

/** A Choice state's Choices to records. */
final class ChoiceRuleBuilder {
  private ChoiceRuleBuilder() {}

  static List<Choice> choices(JsonNode state, QueryLanguage language) {
    var choices = new ArrayList<Choice>();
    state.get("Choices").forEach(choice -> choices.add(new Choice(
        language == QueryLanguage.JSONATA ? condition(choice.get("Condition")) : rule(choice),
        choice.get("Next").textValue(),
        ModelBuilder.node(choice, "Assign"),
        ModelBuilder.node(choice, "Output"))));
    return choices;
  }

  private static ChoiceRule condition(JsonNode condition) {
    return new ChoiceRule.Condition(
        condition.isBoolean() ? condition.asText() : Jsonata.body(condition.textValue()));
  }

  private static ChoiceRule rule(JsonNode rule) {
    if (rule.has("And")) {
      return new ChoiceRule.And(rules(rule.get("And")));
    }
    if (rule.has("Or")) {
      return new ChoiceRule.Or(rules(rule.get("Or")));
    }
    if (rule.has("Not")) {
      return new ChoiceRule.Not(rule(rule.get("Not")));
    }
    for (var operator : ComparisonOperator.values()) {
      if (rule.has(operator.aslName())) {
        return new ChoiceRule.Comparison(rule.get("Variable").textValue(), operator, rule.get(operator.aslName()));
      }
    }
    throw new IllegalStateException("Expected a validated Choice rule, but it has no comparison operator: " + rule);
  }

  private static List<ChoiceRule> rules(JsonNode array) {
    var rules = new ArrayList<ChoiceRule>();
    array.forEach(element -> rules.add(rule(element)));
    return rules;
  }
}
