package dev.stepfold.engine.behavior;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ChoiceRule.Comparison;
import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.paths.PathRoots;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChoiceRulesTest {
  /** Every literal operator: the value at $.v, the operand as JSON, whether the rule matches. */
  static Stream<Arguments> literalComparisons() {
    return Stream.of(
        arguments("StringEquals", "\"Hello\"", "\"Hello\"", true),
        arguments("StringEquals", "\"Hello \"", "\"Hello\"", false),
        arguments("StringEquals", "1", "\"1\"", false),
        arguments("StringLessThan", "\"A\"", "\"AB\"", true),
        arguments("StringLessThan", "\"AB\"", "\"A\"", false),
        arguments("StringLessThan", "\"\"", "\"\"", false),
        arguments("StringGreaterThan", "\"B\"", "\"AB\"", true),
        arguments("StringGreaterThan", "\"AB\"", "\"ABC\"", false),
        arguments("StringLessThanEquals", "\"\"", "\"\"", true),
        arguments("StringLessThanEquals", "\"AB\"", "\"A\"", false),
        arguments("StringGreaterThanEquals", "\"AB\"", "\"A\"", true),
        arguments("StringGreaterThanEquals", "\"A\"", "\"AB\"", false),
        arguments("StringGreaterThanEquals", "[]", "\"A\"", false),
        arguments("StringMatches", "\"log-2024.txt\"", "\"log-*.txt\"", true),
        arguments("StringMatches", "\"log-2024.csv\"", "\"log-*.txt\"", false),
        arguments("StringMatches", "\"a*b\"", "\"a\\\\*b\"", true),
        arguments("StringMatches", "\"axb\"", "\"a\\\\*b\"", false),
        arguments("StringMatches", "\"back\\\\slash\"", "\"back\\\\\\\\*\"", true),
        arguments("StringMatches", "\"anything\"", "\"*\"", true),
        arguments("StringMatches", "1", "\"*\"", false),
        arguments("NumericEquals", "1", "1.0", true),
        arguments("NumericEquals", "2.22", "2.22", true),
        arguments("NumericEquals", "1.1", "1", false),
        arguments("NumericEquals", "\"1\"", "1", false),
        arguments("NumericEquals", "true", "1", false),
        arguments("NumericLessThan", "0", "1", true),
        arguments("NumericLessThan", "1", "1", false),
        arguments("NumericGreaterThan", "1.5", "1", true),
        arguments("NumericGreaterThan", "0", "0", false),
        arguments("NumericLessThanEquals", "0.0", "0", true),
        arguments("NumericLessThanEquals", "1", "0", false),
        arguments("NumericGreaterThanEquals", "1", "1", true),
        arguments("NumericGreaterThanEquals", "0", "1", false),
        arguments("NumericGreaterThanEquals", "null", "0", false),
        arguments("BooleanEquals", "false", "false", true),
        arguments("BooleanEquals", "true", "false", false),
        arguments("BooleanEquals", "0", "false", false),
        arguments("BooleanEquals", "\"true\"", "true", false),
        arguments("TimestampEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampEquals", "\"2012-10-09T20:00:55+01:00\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampEquals", "\"2012-10-09T19:00:55.000Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampEquals", "\"2012-10-09T19:00:55\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampEquals", "\"2023-02-24 12:15:56.832957\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampEquals", "0", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampLessThan", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:56Z\"", true),
        arguments("TimestampLessThan", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampGreaterThan", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampGreaterThan", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:56Z\"", false),
        arguments("TimestampLessThanEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampLessThanEquals", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampGreaterThanEquals", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampGreaterThanEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:56Z\"", false),
        arguments("IsNull", "null", "true", true),
        arguments("IsNull", "0", "true", false),
        arguments("IsNull", "0", "false", true),
        arguments("IsNumeric", "1.1", "true", true),
        arguments("IsNumeric", "\"1\"", "true", false),
        arguments("IsNumeric", "\"1\"", "false", true),
        arguments("IsString", "\"\"", "true", true),
        arguments("IsString", "null", "true", false),
        arguments("IsString", "{}", "false", true),
        arguments("IsBoolean", "false", "true", true),
        arguments("IsBoolean", "\"true\"", "true", false),
        arguments("IsBoolean", "[]", "false", true),
        arguments("IsTimestamp", "\"2016-03-14T01:59:00Z\"", "true", true),
        arguments("IsTimestamp", "\"2016-03-14T01:59:00.123+05:30\"", "true", true),
        arguments("IsTimestamp", "\"2016-03-14T01:59:00\"", "true", false),
        arguments("IsTimestamp", "\"2016-13-14T01:59:00Z\"", "true", false),
        arguments("IsTimestamp", "\"2016-03-14 01:59:00Z\"", "true", false),
        arguments("IsTimestamp", "1457920740", "false", true),
        arguments("IsPresent", "null", "true", true),
        arguments("IsPresent", "0", "false", false));
  }

  /** Every ...Path operator: the value at $.v, the value at $.other, whether the rule matches. */
  static Stream<Arguments> pathComparisons() {
    return Stream.of(
        arguments("StringEqualsPath", "\"a\"", "\"a\"", true),
        arguments("StringEqualsPath", "\"\\t\\n\"", "\"\\t\\r\\n\"", false),
        arguments("StringLessThanPath", "\"A\"", "\"AB\"", true),
        arguments("StringLessThanPath", "\"AB\"", "\"A\"", false),
        arguments("StringGreaterThanPath", "\"AB\"", "\"A\"", true),
        arguments("StringGreaterThanPath", "\"A\"", "\"A \"", false),
        arguments("StringLessThanEqualsPath", "\"A\"", "\"A\"", true),
        arguments("StringLessThanEqualsPath", "\"AB\"", "\"A\"", false),
        arguments("StringGreaterThanEqualsPath", "\"\"", "\"\"", true),
        arguments("StringGreaterThanEqualsPath", "\"A\"", "\"AB\"", false),
        arguments("NumericEqualsPath", "0", "0.0", true),
        arguments("NumericEqualsPath", "\" \"", "0", false),
        arguments("NumericLessThanPath", "0", "1", true),
        arguments("NumericLessThanPath", "1", "1", false),
        arguments("NumericGreaterThanPath", "2", "1", true),
        arguments("NumericGreaterThanPath", "0", "1", false),
        arguments("NumericLessThanEqualsPath", "1", "1", true),
        arguments("NumericLessThanEqualsPath", "1", "0", false),
        arguments("NumericGreaterThanEqualsPath", "0.0", "0", true),
        arguments("NumericGreaterThanEqualsPath", "0", "1", false),
        arguments("BooleanEqualsPath", "true", "true", true),
        arguments("BooleanEqualsPath", "null", "false", false),
        arguments("TimestampEqualsPath", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampEqualsPath", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampLessThanPath", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:56Z\"", true),
        arguments("TimestampLessThanPath", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampGreaterThanPath", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampGreaterThanPath", "\"2012-10-09T19:00:55Z\"", "\"nope\"", false),
        arguments("TimestampLessThanEqualsPath", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampLessThanEqualsPath", "\"2012-10-09T19:00:56Z\"", "\"2012-10-09T19:00:55Z\"", false),
        arguments("TimestampGreaterThanEqualsPath", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55Z\"", true),
        arguments("TimestampGreaterThanEqualsPath", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:56Z\"", false));
  }

  @ParameterizedTest(name = "{0}: {1} against {2} is {3}")
  @MethodSource("literalComparisons")
  void shouldCompareTheVariableWithALiteral(String operator, String value, String operand, boolean expected) {
    ChoiceRule rule = comparison("$.v", operator, operand);
    assertThat(ChoiceRules.matches(rule, roots("{\"v\": " + value + "}"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} against {2} is {3}")
  @MethodSource("pathComparisons")
  void shouldCompareTheVariableWithTheValueAtAPath(String operator, String value, String other, boolean expected) {
    ChoiceRule rule = comparison("$.v", operator, "\"$.other\"");
    assertThat(ChoiceRules.matches(rule, roots("{\"v\": " + value + ", \"other\": " + other + "}"))).isEqualTo(expected);
  }

  @Test
  void shouldHaveATestForEveryOperator() {
    Set<String> tested = Stream.concat(literalComparisons(), pathComparisons())
        .map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());
    assertThat(tested).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::aslName).toList());
  }

  @Test
  void shouldTellWhetherAVariableIsPresent() {
    assertThat(ChoiceRules.matches(comparison("$.missing", "IsPresent", "false"), roots("{}"))).isTrue();
    assertThat(ChoiceRules.matches(comparison("$.missing", "IsPresent", "true"), roots("{}"))).isFalse();
    assertThat(ChoiceRules.matches(comparison("$.a.b.c", "IsPresent", "false"), roots("{\"a\": 1}"))).isTrue();
  }

  @Test
  void shouldFailWhenTheVariableIsMissing() {
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      if (operator != ComparisonOperator.IS_PRESENT) {
        String operand = operator.comparesWithPath() ? "\"$.other\"" : "true";
        assertRuntimeFailure(() -> ChoiceRules.matches(comparison("$.processing_type", operator.aslName(), operand),
                roots("{\"other\": 1}")),
            "Invalid path '$.processing_type': The choice state's condition path references an invalid value.");
      }
    }
  }

  @Test
  void shouldFailWhenTheComparedPathIsMissing() {
    assertRuntimeFailure(() -> ChoiceRules.matches(comparison("$.v", "NumericEqualsPath", "\"$.nope\""),
            roots("{\"v\": 1}")),
        "Invalid path '$.nope': The choice state's comparison path references an invalid value.");
  }

  @Test
  void shouldReadTheContextObject() {
    assertThat(ChoiceRules.matches(comparison("$$.State.Name", "StringEquals", "\"Step\""), roots("{}"))).isTrue();
    assertThat(ChoiceRules.matches(comparison("$.v", "StringEqualsPath", "\"$$.Execution.Name\""),
        roots("{\"v\": \"run-1\"}"))).isTrue();
  }

  @Test
  void shouldCombineRulesWithAndOrNot() {
    ChoiceRule small = comparison("$.n", "NumericLessThan", "10");
    ChoiceRule positive = comparison("$.n", "NumericGreaterThan", "0");
    ChoiceRule named = comparison("$.name", "IsPresent", "true");
    PathRoots five = roots("{\"n\": 5}");
    assertThat(ChoiceRules.matches(new ChoiceRule.And(List.of(small, positive)), five)).isTrue();
    assertThat(ChoiceRules.matches(new ChoiceRule.And(List.of(small, named)), five)).isFalse();
    assertThat(ChoiceRules.matches(new ChoiceRule.Or(List.of(named, positive)), five)).isTrue();
    assertThat(ChoiceRules.matches(new ChoiceRule.Or(List.of(named, new ChoiceRule.Not(small))), five)).isFalse();
    assertThat(ChoiceRules.matches(new ChoiceRule.Not(named), five)).isTrue();
  }

  @Test
  void shouldStopAtTheFirstDecidingRule() {
    ChoiceRule failing = comparison("$.missing", "NumericEquals", "1");
    ChoiceRule no = comparison("$.n", "IsPresent", "false");
    ChoiceRule yes = comparison("$.n", "IsPresent", "true");
    assertThat(ChoiceRules.matches(new ChoiceRule.And(List.of(no, failing)), roots("{\"n\": 1}"))).isFalse();
    assertThat(ChoiceRules.matches(new ChoiceRule.Or(List.of(yes, failing)), roots("{\"n\": 1}"))).isTrue();
  }

  @Test
  void shouldLeaveJsonataConditionsToTheEngine() {
    assertThatThrownBy(() -> ChoiceRules.matches(new ChoiceRule.Condition("$x > 1"), roots("{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static ChoiceRule comparison(String variable, String operator, String operand) {
    return new Comparison(variable, ComparisonOperator.byAslName(operator).orElseThrow(), json(operand));
  }
}
