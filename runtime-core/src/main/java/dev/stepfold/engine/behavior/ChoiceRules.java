package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ChoiceRule.Comparison;
import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PathRoots;
import java.time.Instant;
import java.util.Optional;

/** Evaluates the JSONPath Choice rules (comparisons, And/Or/Not, Is* tests). JSONata conditions are the engine's. */
public final class ChoiceRules {
  private ChoiceRules() {}

  public static boolean matches(ChoiceRule rule, PathRoots roots) {
    if (rule instanceof Comparison comparison) {
      return matches(comparison, roots);
    }
    if (rule instanceof ChoiceRule.And and) {
      return and.rules().stream().allMatch(inner -> matches(inner, roots));
    }
    if (rule instanceof ChoiceRule.Or or) {
      return or.rules().stream().anyMatch(inner -> matches(inner, roots));
    }
    if (rule instanceof ChoiceRule.Not not) {
      return !matches(not.rule(), roots);
    }
    throw new IllegalArgumentException("Expected a JSONPath Choice rule, but got a JSONata " + rule);
  }

  /**
   * A Variable that matches nothing fails the state, except for IsPresent; a value of another type than the
   * operator's is no match, not an error.
   */
  private static boolean matches(Comparison comparison, PathRoots roots) {
    ComparisonOperator operator = comparison.operator();
    Optional<JsonNode> found = JsonPaths.find(comparison.variable(), roots);
    if (operator == ComparisonOperator.IS_PRESENT) {
      return found.isPresent() == comparison.operand().asBoolean();
    }
    JsonNode value = found.orElseThrow(() -> StatesFailure.runtime("Invalid path '" + comparison.variable()
        + "': The choice state's condition path references an invalid value."));
    JsonNode operand = operator.comparesWithPath() ? operandAt(comparison.operand().asText(), roots)
        : comparison.operand();
    return switch (operator) {
      case STRING_EQUALS, STRING_EQUALS_PATH -> compareStrings(value, operand, c -> c == 0);
      case STRING_LESS_THAN, STRING_LESS_THAN_PATH -> compareStrings(value, operand, c -> c < 0);
      case STRING_GREATER_THAN, STRING_GREATER_THAN_PATH -> compareStrings(value, operand, c -> c > 0);
      case STRING_LESS_THAN_EQUALS, STRING_LESS_THAN_EQUALS_PATH -> compareStrings(value, operand, c -> c <= 0);
      case STRING_GREATER_THAN_EQUALS, STRING_GREATER_THAN_EQUALS_PATH ->
          compareStrings(value, operand, c -> c >= 0);
      case STRING_MATCHES -> value.isTextual() && operand.isTextual()
          && StringPatterns.matches(operand.textValue(), value.textValue());
      case NUMERIC_EQUALS, NUMERIC_EQUALS_PATH -> compareNumbers(value, operand, c -> c == 0);
      case NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_PATH -> compareNumbers(value, operand, c -> c < 0);
      case NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_PATH -> compareNumbers(value, operand, c -> c > 0);
      case NUMERIC_LESS_THAN_EQUALS, NUMERIC_LESS_THAN_EQUALS_PATH -> compareNumbers(value, operand, c -> c <= 0);
      case NUMERIC_GREATER_THAN_EQUALS, NUMERIC_GREATER_THAN_EQUALS_PATH ->
          compareNumbers(value, operand, c -> c >= 0);
      case BOOLEAN_EQUALS, BOOLEAN_EQUALS_PATH ->
          value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
      case TIMESTAMP_EQUALS, TIMESTAMP_EQUALS_PATH -> compareTimestamps(value, operand, c -> c == 0);
      case TIMESTAMP_LESS_THAN, TIMESTAMP_LESS_THAN_PATH -> compareTimestamps(value, operand, c -> c < 0);
      case TIMESTAMP_GREATER_THAN, TIMESTAMP_GREATER_THAN_PATH -> compareTimestamps(value, operand, c -> c > 0);
      case TIMESTAMP_LESS_THAN_EQUALS, TIMESTAMP_LESS_THAN_EQUALS_PATH ->
          compareTimestamps(value, operand, c -> c <= 0);
      case TIMESTAMP_GREATER_THAN_EQUALS, TIMESTAMP_GREATER_THAN_EQUALS_PATH ->
          compareTimestamps(value, operand, c -> c >= 0);
      case IS_NULL -> value.isNull() == operand.asBoolean();
      case IS_NUMERIC -> value.isNumber() == operand.asBoolean();
      case IS_STRING -> value.isTextual() == operand.asBoolean();
      case IS_BOOLEAN -> value.isBoolean() == operand.asBoolean();
      case IS_TIMESTAMP -> timestamp(value).isPresent() == operand.asBoolean();
      case IS_PRESENT -> throw new IllegalStateException("Expected IsPresent to be decided above, but it was not");
    };
  }

  private static JsonNode operandAt(String path, PathRoots roots) {
    return JsonPaths.find(path, roots).orElseThrow(() -> StatesFailure.runtime(
        "Invalid path '" + path + "': The choice state's comparison path references an invalid value."));
  }

  private static boolean compareStrings(JsonNode value, JsonNode operand, Outcome outcome) {
    return value.isTextual() && operand.isTextual() && outcome.holds(value.textValue().compareTo(operand.textValue()));
  }

  /** By value: 1 equals 1.0. */
  private static boolean compareNumbers(JsonNode value, JsonNode operand, Outcome outcome) {
    return value.isNumber() && operand.isNumber()
        && outcome.holds(value.decimalValue().compareTo(operand.decimalValue()));
  }

  /** As instants: the same moment written with two offsets is equal. */
  private static boolean compareTimestamps(JsonNode value, JsonNode operand, Outcome outcome) {
    Optional<Instant> left = timestamp(value);
    Optional<Instant> right = timestamp(operand);
    return left.isPresent() && right.isPresent() && outcome.holds(left.get().compareTo(right.get()));
  }

  private static Optional<Instant> timestamp(JsonNode node) {
    return node.isTextual() ? Timestamps.parse(node.textValue()) : Optional.empty();
  }

  @FunctionalInterface
  private interface Outcome {
    boolean holds(int comparison);
  }
}
