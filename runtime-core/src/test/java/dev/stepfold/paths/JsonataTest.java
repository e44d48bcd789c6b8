package dev.stepfold.paths;

import static dev.stepfold.paths.Json.CONTEXT;
import static dev.stepfold.paths.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.StatesError;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonataTest {
  private static final JsonNode INPUT = json("""
      {"order": {"id": "o-1", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}]}, "one": [7], "n": null}""");
  private static final JsonataScope SCOPE = JsonataScope.of(INPUT, CONTEXT,
      Map.of("customer", json("{\"name\": \"Ada\", \"tags\": [\"x\"]}"), "limit", json("10"), "nothing", json("null")));

  @Test
  void shouldReadTheStatesInputAndContext() {
    assertThat(eval("$states.input.order.id")).isEqualTo(json("\"o-1\""));
    assertThat(eval("$states.input")).isEqualTo(INPUT);
    assertThat(eval("$states.context.Execution.Name")).isEqualTo(json("\"run-1\""));
    assertThat(eval("$states.context")).isEqualTo(CONTEXT);
  }

  @Test
  void shouldReadTheResultAndErrorOutputOnlyWhenTheScopeHasThem() {
    JsonataScope withResult = SCOPE.withResult(json("{\"Payload\": {\"status\": \"ok\"}}"));
    JsonataScope withError = SCOPE.withErrorOutput(json("{\"Error\": \"E\", \"Cause\": \"c\"}"));
    assertThat(Jsonata.evaluate("$states.result.Payload.status", withResult, "Output")).isEqualTo(json("\"ok\""));
    assertThat(Jsonata.evaluate("$states.errorOutput.Error", withError, "Output")).isEqualTo(json("\"E\""));
    assertThat(Jsonata.evaluate("$exists($states.result)", SCOPE, "Output")).isEqualTo(json("false"));
    assertThat(Jsonata.evaluate("$exists($states.errorOutput)", withResult, "Output")).isEqualTo(json("false"));
  }

  @Test
  void shouldReadWorkflowVariables() {
    assertThat(eval("$customer.name")).isEqualTo(json("\"Ada\""));
    assertThat(eval("$limit * 2")).isEqualTo(json("20"));
    assertThat(eval("$nothing")).isEqualTo(json("null"));
    assertThat(eval("$exists($undefinedVariable)")).isEqualTo(json("false"));
  }

  @Test
  void shouldKeepIntegersIntegralAndFractionsFractional() {
    assertThat(eval("$sum($states.input.order.items.qty)")).isEqualTo(json("5"));
    assertThat(eval("$sum($states.input.order.items.qty)").isInt()).isTrue();
    assertThat(eval("10 / 4")).isEqualTo(json("2.5"));
    assertThat(eval("4 / 2")).isEqualTo(json("2"));
    assertThat(eval("3000000000 * 2")).isEqualTo(json("6000000000"));
    assertThat(eval("1e300 * 10")).isEqualTo(json("1.0E301"));
  }

  @Test
  void shouldKeepArraysOfOneAsArraysAndCollapseSequencesOfOne() {
    assertThat(eval("$states.input.one")).isEqualTo(json("[7]"));
    assertThat(eval("[1]")).isEqualTo(json("[1]"));
    assertThat(eval("$states.input.order.items[qty > 2].sku")).isEqualTo(json("\"b\""));
    assertThat(eval("$states.input.order.items[qty > 2].sku[]")).isEqualTo(json("[\"b\"]"));
    assertThat(eval("$states.input.order.items.sku")).isEqualTo(json("[\"a\",\"b\"]"));
  }

  @Test
  void shouldTellJsonNullFromUndefined() {
    assertThat(eval("$states.input.n")).isEqualTo(json("null"));
    assertThat(eval("{'a': $states.input.n, 'b': $states.input.missing}")).isEqualTo(json("{\"a\": null}"));
    assertQueryError(() -> eval("$states.input.missing"),
        "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).");
  }

  @Test
  void shouldFailWithAwsCausesWhenEvaluationGoesWrong() {
    assertQueryError(() -> Jsonata.evaluate("$doesNotExist", SCOPE, "Output/result"),
        "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    assertQueryError(() -> Jsonata.evaluate("$randomSeeded(1)", SCOPE, "Output/FunctionResult"),
        "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an error "
            + "during evaluation. T1006: Attempted to invoke a non-function");
    assertQueryError(() -> Jsonata.evaluate("function($x){$x}", SCOPE, "Items"),
        "The JSONata expression 'function($x){$x}' specified for the field 'Items' returned an unsupported result type.");
    assertQueryError(() -> Jsonata.evaluateArray("$limit", SCOPE, "Items"),
        "The JSONata expression '$limit' specified for the field 'Items' returned an unexpected result type. "
            + "Expected 'array', but was 'number' for value: 10");
  }

  @Test
  void shouldNotOfferEval() {
    assertQueryError(() -> eval("$eval('1 + 1')"),
        "The JSONata expression '$eval('1 + 1')' specified for the field 'Output' threw an error during evaluation. "
            + "T1006: Attempted to invoke a non-function");
  }

  @Test
  void shouldReadTheTimeFromTheContextObjectNotAClock() {
    assertThat(eval("$now()")).isEqualTo(json("\"2024-05-02T10:00:01.000Z\""));
    assertThat(eval("$millis()")).isEqualTo(json("1714644001000"));
    assertThat(eval("$now('[Y0001]-[M01]-[D01]')")).isEqualTo(json("\"2024-05-02\""));
  }

  @Test
  void shouldStopRunawayRecursionAndLoops() {
    assertThat(Json.failure(() -> eval("($f := function($n){ 1 + $f($n + 1) }; $f(0))")).cause())
        .startsWith("The JSONata expression '($f := function($n){ 1 + $f($n + 1) }; $f(0))' specified for the field "
            + "'Output' threw an error during evaluation. U1001: Stack overflow error");
    assertThat(Json.failure(() -> eval("($f := function($n){ $f($n + 1) }; $f(0))")).cause())
        .endsWith("threw an error during evaluation. U1001: Expression evaluation exceeded 10000000 steps: "
            + "Check for infinite loop");
    assertThat(eval("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(150))")).isEqualTo(json("150"));
  }

  @Test
  void shouldEvaluateTemplatesGrowingTheFieldPerMember() {
    JsonNode template = json("""
        {"static": "Hello", "not-evaluated": "$customer", "name": "{% $customer.name %}",
         "nested": {"list": ["{% $limit %}", 1, {"deep": "{%$states.input.order.id%}"}]}}""");
    assertThat(Jsonata.evaluateTemplate(template, SCOPE, "Arguments")).isEqualTo(json("""
        {"static": "Hello", "not-evaluated": "$customer", "name": "Ada", "nested": {"list": [10, 1, {"deep": "o-1"}]}}"""));
    assertQueryError(() -> Jsonata.evaluateTemplate(json("{\"a\": {\"b\": \"{% $nope %}\"}}"), SCOPE, "Output"),
        "The JSONata expression '$nope' specified for the field 'Output/a/b' returned nothing (undefined).");
    assertQueryError(() -> Jsonata.evaluateTemplate(json("{\"a\": [1, \"{% $nope %}\"]}"), SCOPE, "Output"),
        "The JSONata expression '$nope' specified for the field 'Output/a/1' returned nothing (undefined).");
    assertThat(Jsonata.evaluateTemplate(json("\"{% $limit %}\""), SCOPE, "TimeoutSeconds")).isEqualTo(json("10"));
    assertThat(Jsonata.evaluateTemplate(json("[true, null]"), SCOPE, "Output")).isEqualTo(json("[true, null]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{% $x %}|$x", "{%$x%}|$x", "{%   1 + 2 %}|1 + 2"})
  void shouldRecognizeExpressionsByTheirDelimiters(String text, String expression) {
    assertThat(Jsonata.isExpression(text)).isTrue();
    assertThat(Jsonata.expressionOf(text)).contains(expression);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"$x", "' {% $x %}'", "'{% $x %} '", "{%", "%}", "{%}"})
  void shouldTakeOtherStringsAsLiterals(String text) {
    assertThat(Jsonata.isExpression(text)).isFalse();
    assertThat(Jsonata.expressionOf(text)).isEmpty();
  }

  @Test
  void shouldValidateSyntax() {
    assertThat(Jsonata.validate("$states.input.a + 1")).isEmpty();
    assertThat(Jsonata.validate("$contains(\"hello$world\", /^hello\\$/)")).isEmpty();
    assertThat(Jsonata.validate("(")).contains("S0203: Expected \")\" before end of expression");
    assertThat(Jsonata.validate("a b")).contains("S0201: Syntax error: \"b\"");
    assertThat(Jsonata.validateTemplate(json("{\"a\": [\"{% 1 + %}\"]}"), "Output")).contains(
        "The JSONata expression '1 +' specified for the field 'Output/a/0' is invalid: S0207: Unexpected end of expression");
    assertThat(Jsonata.validateTemplate(json("{\"a\": [\"1 +\"]}"), "Output")).isEmpty();
    assertThatThrownBy(() -> eval("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameJsonTypesAsAwsDoes() {
    assertThat(Jsonata.typeName(json("null"))).isEqualTo("null");
    assertThat(Jsonata.typeName(json("true"))).isEqualTo("boolean");
    assertThat(Jsonata.typeName(json("1.5"))).isEqualTo("number");
    assertThat(Jsonata.typeName(json("\"s\""))).isEqualTo("string");
    assertThat(Jsonata.typeName(json("[]"))).isEqualTo("array");
    assertThat(Jsonata.typeName(json("{}"))).isEqualTo("object");
  }

  @Test
  void shouldNotChangeTheScopesValues() {
    JsonNode before = INPUT.deepCopy();
    eval("$states.input ~> |order|{'id': 'changed'}|");
    assertThat(INPUT).isEqualTo(before);
  }

  private static JsonNode eval(String expression) {
    return Jsonata.evaluate(expression, SCOPE, "Output");
  }

  static void assertQueryError(ThrowingCallable call, String cause) {
    assertThat(Json.failure(call)).isEqualTo(new StatesError(StatesError.QUERY_EVALUATION_ERROR, cause));
  }

}
