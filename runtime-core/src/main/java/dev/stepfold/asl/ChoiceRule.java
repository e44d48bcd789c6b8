package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** A Choice rule: a comparison on a {@code Variable}, a boolean combination, or a JSONata {@code Condition}. */
public sealed interface ChoiceRule {
  /**
   * {@code "Variable": variable, "<operator>": operand}. For the {@code ...Path} operators the operand is a text node
   * holding the path; for the {@code Is...} tests it is a boolean node.
   */
  record Comparison(String variable, ComparisonOperator operator, JsonNode operand) implements ChoiceRule {
    public Comparison {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }
  }

  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }
  }

  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }
  }

  record Not(ChoiceRule rule) implements ChoiceRule {
    public Not {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** A JSONata {@code Condition} (without its {@code {% %}}), or a literal boolean written as the condition. */
  record Condition(String expression) implements ChoiceRule {
    public Condition {
      Objects.requireNonNull(expression, "expression");
    }
  }
}
