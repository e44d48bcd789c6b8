package dev.stepfold.paths;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSONPath references to workflow variables ({@code $name...}) in paths, templates and intrinsic functions. */
class VariableReferencesTest {
  private static final PathRoots ROOTS = roots("{\"theAnswer\": 42}").withVariables(Map.of(
      "theAnswer", json("42"), "nothing", json("null"),
      "order", json("{\"id\": \"o-1\", \"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}")));

  @ParameterizedTest
  @ValueSource(strings = {"$theAnswer", "$waitTime", "$_x1", "$var.field[0]", "$var['a b'].c", "$räksmörgås.x"})
  void shouldAcceptAVariableReferenceAsAReferencePath(String path) {
    assertThat(JsonPaths.isValidPath(path)).isTrue();
    assertThat(JsonPaths.isValidReferencePath(path)).isTrue();
    assertThat(JsonPaths.readsVariable(path)).isTrue();
  }

  @Test
  void shouldAcceptAnIndefiniteVariablePathOnlyAsAPath() {
    assertThat(JsonPaths.isValidPath("$items[*].id")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$items[*].id")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$items[?(@.id > 1)]")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"$1abc", "$-x", "$a$", "$a b", "$a.", "$a[0", "$a-b", "$$x", "$$x.y"})
  void shouldRejectMalformedVariableReferences(String path) {
    assertThat(JsonPaths.isValidPath(path)).isFalse();
    assertThat(JsonPaths.isValidReferencePath(path)).isFalse();
  }

  @Test
  void shouldKeepInputAndContextPathsApartFromVariables() {
    assertThat(JsonPaths.readsVariable("$")).isFalse();
    assertThat(JsonPaths.readsVariable("$.theAnswer")).isFalse();
    assertThat(JsonPaths.readsVariable("$$.Execution.Id")).isFalse();
    assertThat(JsonPaths.select("$.theAnswer", ROOTS)).isEqualTo(json("42"));
    assertThat(JsonPaths.select("$$.Execution.Name", ROOTS)).isEqualTo(json("\"run-1\""));
  }

  @Test
  void shouldReadVariablesAndPathsIntoThem() {
    assertThat(JsonPaths.select("$theAnswer", ROOTS)).isEqualTo(json("42"));
    assertThat(JsonPaths.select("$order.items[1].sku", ROOTS)).isEqualTo(json("\"b\""));
    assertThat(JsonPaths.select("$order.items[*].sku", ROOTS)).isEqualTo(json("[\"a\", \"b\"]"));
    assertThat(JsonPaths.select("$order['items'][0]", ROOTS)).isEqualTo(json("{\"sku\": \"a\"}"));
    assertThat(JsonPaths.select("$nothing", ROOTS)).isEqualTo(json("null"));
    assertThat(JsonPaths.selectForField("$order.id", "id.$", ROOTS)).isEqualTo(json("\"o-1\""));
    assertThat(JsonPaths.find("$order.id", ROOTS)).contains(json("\"o-1\""));
  }

  @Test
  void shouldFailClearlyWhenAVariableIsNotDefined() {
    assertRuntimeFailure(() -> JsonPaths.select("$unknown", ROOTS),
        "The JSONPath '$unknown' reads the variable 'unknown', which is not defined");
    assertRuntimeFailure(() -> JsonPaths.selectForField("$unknown.x", "a.$", ROOTS),
        "The JSONPath '$unknown.x' specified for the field 'a.$' reads the variable 'unknown', which is not defined");
    assertThat(JsonPaths.find("$unknown.x", ROOTS)).isEmpty();
    assertRuntimeFailure(() -> ResultPaths.apply("$result", ROOTS.input(), json("1")),
        "The ResultPath '$result' names a variable, but a ResultPath can only place the result in the input");
  }

  @Test
  void shouldFailAsForTheInputWhenAPathIntoAVariableMisses() {
    assertRuntimeFailure(() -> JsonPaths.select("$order.missing", ROOTS),
        "Invalid path '$order.missing' : No results for path: $['missing']");
    assertRuntimeFailure(() -> JsonPaths.selectForField("$order.missing", "a.$", ROOTS),
        "The JSONPath '$order.missing' specified for the field 'a.$' could not be found in the input '{\"theAnswer\":42}'");
    assertThat(JsonPaths.find("$order.missing", ROOTS)).isEmpty();
  }

  @Test
  void shouldKeepVariablesWhenTheInputChanges() {
    assertThat(JsonPaths.select("$theAnswer", ROOTS.withInput(json("{}")))).isEqualTo(json("42"));
    assertThat(new PathRoots(json("{}"), Json.CONTEXT).variables()).isEmpty();
  }

  @Test
  void shouldReadVariablesInPayloadTemplatesAndIntrinsics() {
    assertThat(PayloadTemplates.evaluate(json("""
        {"a.$": "$theAnswer", "b.$": "$order.items[0].sku", "c": [{"d.$": "States.Format('{} {}', $order.id, $.theAnswer)"}],
         "literal": "$theAnswer"}"""), ROOTS)).isEqualTo(json("""
        {"a": 42, "b": "a", "c": [{"d": "o-1 42"}], "literal": "$theAnswer"}"""));
    assertThat(Intrinsics.evaluate("States.ArrayGetItem($order.items, 1)", ROOTS)).isEqualTo(json("{\"sku\": \"b\"}"));
    assertRuntimeFailure(() -> Intrinsics.evaluate("States.Format('{}', $name)", ROOTS),
        "The JSONPath '$name' reads the variable 'name', which is not defined");
  }

  @Test
  void shouldAcceptVariablesInPayloadTemplates() {
    assertThat(PayloadTemplates.validate(json("""
        {"a.$": "$result", "b.$": "$var.field[0]", "c": [{"d.$": "States.Format('{}', $name)"}]}"""))).isEmpty();
    assertThat(PayloadTemplates.validate(json("{\"a.$\": \"$1result\"}"))).contains(
        "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call");
  }

  @ParameterizedTest
  @ValueSource(strings = {"States.Format('{}', $name)", "States.Format('{} {}', $var.x, $.y)",
      "States.ArrayGetItem($list, $index)", "States.JsonToString($obj.a[0])"})
  void shouldAcceptVariablesAsIntrinsicArguments(String call) {
    assertThat(Intrinsics.validate(call)).isEmpty();
  }
}
