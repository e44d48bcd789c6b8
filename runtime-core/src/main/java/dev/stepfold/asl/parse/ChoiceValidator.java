package dev.stepfold.asl.parse;

import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.asl.QueryLanguage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Choices and Default of a Choice state; JSONPath rules (Variable, And, Or, Not) or JSONata Conditions. */
final class ChoiceValidator {
  private static final List<String> OPERATORS =
      Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::aslName).toList();
  private static final List<String> COMBINATORS = List.of("And", "Or", "Not", "Variable");
  private static final Set<String> TOP_LEVEL_ONLY = Set.of("Next", "Assign", "Output");

  private ChoiceValidator() {}

  static void validate(Fields choice, QueryLanguage language) {
    choice.string("Default");
    if (!choice.required("Choices") || !choice.nonEmptyArray("Choices")) {
      return;
    }
    var rules = choice.get("Choices");
    for (int i = 0; i < rules.size(); i++) {
      var rule = new Fields(rules.get(i), choice.at("Choices").index(i), choice.problems());
      if (!rule.node().isObject()) {
        rule.error(Messages.expectedType("OBJECT"));
      } else if (language == QueryLanguage.JSONATA) {
        validateCondition(rule);
      } else {
        validateRule(rule, true);
      }
    }
  }

  private static void validateCondition(Fields rule) {
    rule.onlySupported(field -> isJsonPathRuleField(field) || Set.of("Condition", "Next", "Assign", "Output", "Comment").contains(field));
    rule.node().fieldNames().forEachRemaining(field -> {
      if (isJsonPathRuleField(field)) {
        rule.error(Messages.onlyForLanguage("JSONata", field, "JSONPath"));
      }
    });
    if (!rule.required("Condition", "Next")) {
      return;
    }
    rule.string("Next");
    rule.object("Assign");
    var condition = rule.get("Condition");
    if (!condition.isBoolean() && !(condition.isTextual() && rule.jsonata("Condition"))) {
      rule.error(Messages.JSONATA_DELIMITERS, "Condition");
    }
  }

  private static void validateRule(Fields rule, boolean topLevel) {
    rule.onlySupported(field -> OPERATORS.contains(field) || COMBINATORS.contains(field) || field.equals("Comment")
        || field.equals("Condition") || field.equals("Output") || topLevel && TOP_LEVEL_ONLY.contains(field));
    for (var field : new String[] {"Condition", "Output"}) {
      if (rule.has(field) && (topLevel || field.equals("Condition"))) {
        rule.error(Messages.onlyForLanguage("JSONPath", field, "JSONata"));
      }
    }
    if (topLevel) {
      if (!rule.required("Next")) {
        return;
      }
      rule.string("Next");
      rule.template("Assign");
    }
    if (!rule.exactlyOne(COMBINATORS.toArray(String[]::new))) {
      return;
    }
    if (rule.has("Variable")) {
      validateComparison(rule);
    } else if (rule.has("Not")) {
      if (rule.object("Not")) {
        validateRule(rule.child("Not"), false);
      }
    } else {
      var combinator = rule.has("And") ? "And" : "Or";
      if (rule.nonEmptyArray(combinator)) {
        var nested = rule.get(combinator);
        for (int i = 0; i < nested.size(); i++) {
          var element = new Fields(nested.get(i), rule.at(combinator).index(i), rule.problems());
          if (element.node().isObject()) {
            validateRule(element, false);
          } else {
            element.error(Messages.expectedType("OBJECT"));
          }
        }
      }
    }
  }

  private static void validateComparison(Fields rule) {
    rule.referencePath("Variable", false);
    var present = rule.present(OPERATORS.toArray(String[]::new));
    if (present.size() != 1) {
      rule.error(present.isEmpty() ? Messages.exactlyOneOf(OPERATORS) : Messages.onlyOneOf(OPERATORS));
      return;
    }
    var operator = ComparisonOperator.byAslName(present.get(0)).orElseThrow();
    var field = operator.aslName();
    if (operator.comparesWithPath()) {
      rule.referencePath(field, false);
    } else if (field.startsWith("Is") || field.startsWith("Boolean")) {
      rule.bool(field);
    } else if (field.startsWith("Numeric")) {
      rule.ofType(field, value -> value.isNumber(), "NUMBER");
    } else {
      rule.string(field);
    }
  }

  private static boolean isJsonPathRuleField(String field) {
    return OPERATORS.contains(field) || COMBINATORS.contains(field);
  }
}
