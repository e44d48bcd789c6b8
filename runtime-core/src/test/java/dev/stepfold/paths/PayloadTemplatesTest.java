package dev.stepfold.paths;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PayloadTemplatesTest {
  private static final PathRoots ROOTS = roots("{\"name\": \"Arnav\", \"items\": [1, 2], \"int-literal\": 0}");

  @Test
  void shouldKeepStaticValuesAsWritten() {
    JsonNode template = json("{\"a\": 1, \"b\": [\"$.name\", {\"c\": null}], \"d\": \"$.name\"}");
    assertThat(PayloadTemplates.evaluate(template, ROOTS)).isEqualTo(template);
  }

  @Test
  void shouldReplaceDynamicFieldsByTheirPathsValuesUnderTheShortName() {
    JsonNode template = json("""
        {"who.$": "$.name", "all.$": "$", "execution.$": "$$.Execution.Name", "second.$": "$.items[1]",
         "literal": "kept"}""");
    assertThat(PayloadTemplates.evaluate(template, ROOTS)).isEqualTo(json("""
        {"who": "Arnav", "all": {"name": "Arnav", "items": [1, 2], "int-literal": 0}, "execution": "run-1",
         "second": 2, "literal": "kept"}"""));
  }

  @Test
  void shouldEvaluateIntrinsicFunctionCalls() {
    JsonNode template = json("{\"greeting.$\": \"States.Format('Hello, my name is {}.', $.name)\"}");
    assertThat(PayloadTemplates.evaluate(template, ROOTS)).isEqualTo(json("{\"greeting\": \"Hello, my name is Arnav.\"}"));
  }

  @Test
  void shouldReadBracketNamesWithEscapedQuotesAndBackslashesInPathsAndCalls() {
    JsonNode template = json("""
        {"single.$": "$['a\\\\\\"b\\\\\\\\c']", "double.$": "$[\\"a\\\\\\"b\\\\\\\\c\\"]",
         "call.$": "States.Format('{} and {}', $['it\\\\'s'], $[\\"it's\\"])"}""");
    PathRoots roots = roots("""
        {"a\\"b\\\\c": 1, "it's": "x"}""");
    assertThat(PayloadTemplates.evaluate(template, roots)).isEqualTo(json("{\"single\": 1, \"double\": 1, \"call\": \"x and x\"}"));
  }

  @Test
  void shouldEvaluateDynamicFieldsInNestedObjectsAndArrays() {
    JsonNode template = json("""
        {"outer": {"inner.$": "$.name", "list": [{"x.$": "$.items[0]"}, "plain", ["$.name"]]}}""");
    assertThat(PayloadTemplates.evaluate(template, ROOTS)).isEqualTo(json("""
        {"outer": {"inner": "Arnav", "list": [{"x": 1}, "plain", ["$.name"]]}}"""));
  }

  @Test
  void shouldNotChangeTheTemplate() {
    JsonNode template = json("{\"a\": {\"b.$\": \"$.name\"}}");
    PayloadTemplates.evaluate(template, ROOTS);
    assertThat(template).isEqualTo(json("{\"a\": {\"b.$\": \"$.name\"}}"));
  }

  @Test
  void shouldFailNamingTheFieldAndTheInputWhenAPathMisses() {
    assertRuntimeFailure(() -> PayloadTemplates.evaluate(json("{\"value.$\": \"$.no_such_jsonpath\"}"), roots("{\"int-literal\": 0}")),
        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
    assertRuntimeFailure(() -> PayloadTemplates.evaluate(
            json("{\"value.$\": \"$$.Execution.Input.no_such_jsonpath\"}"), roots("{\"int-literal\": 0}")),
        "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
  }

  @Test
  void shouldNameTheFieldWhenAPathArgumentOfACallMisses() {
    assertRuntimeFailure(() -> PayloadTemplates.evaluate(json("{\"v.$\": \"States.Array($.missing)\"}"), roots("{}")),
        "The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{}'");
  }

  @Test
  void shouldGiveDifferentUuidsToTwoFieldsOfTheSameName() {
    JsonNode output = PayloadTemplates.evaluate(
        json("{\"a\": {\"id.$\": \"States.UUID()\"}, \"b\": {\"id.$\": \"States.UUID()\"}}"), ROOTS);
    assertThat(output.at("/a/id")).isNotEqualTo(output.at("/b/id"));
    assertThat(PayloadTemplates.evaluate(json("{\"a\": {\"id.$\": \"States.UUID()\"}}"), ROOTS).at("/a/id"))
        .isEqualTo(output.at("/a/id"));
  }

  @Test
  void shouldFindNoProblemInAValidTemplate() {
    assertThat(PayloadTemplates.validate(json("""
        {"a.$": "$.x", "b": {"c.$": "States.Format('{}', $$.Execution.Id)"}, "d": [{"e.$": "$"}], "f": "$.x"}""")))
        .isEmpty();
  }

  @Test
  void shouldReportAnIntrinsicCallWithAnIllegalEscape() {
    JsonNode template = json("""
        {"parsed.$": "States.StringToJson('{\\"text\\":\\"An \\\\\\"escaped double quote\\\\\\" here\\"}')"}""");
    assertThat(PayloadTemplates.validate(template))
        .contains("The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call");
  }

  @Test
  void shouldReportTheFirstInvalidDynamicFieldAtAnyDepth() {
    assertThat(PayloadTemplates.validate(json("{\"ok.$\": \"$.a\", \"deep\": [{\"bad.$\": \"not a path\"}], \"worse.$\": 1}")))
        .contains("The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call");
    assertThat(PayloadTemplates.validate(json("{\"worse.$\": 1}")))
        .contains("The value for the field 'worse.$' must be a valid JSONPath or a valid intrinsic function call");
    assertThat(PayloadTemplates.validate(json("{\"call.$\": \"States.Nope()\"}")))
        .contains("The value for the field 'call.$' must be a valid JSONPath or a valid intrinsic function call");
  }
}
