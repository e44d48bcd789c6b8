package dev.stepfold.paths;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSONPath references to workflow variables ({@code $name...}): checked for syntax, not evaluated yet. */
class VariableReferencesTest {
  private static final PathRoots ROOTS = roots("{\"theAnswer\": 42}");

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
  void shouldFailClearlyWhenAVariableIsRead() {
    assertRuntimeFailure(() -> JsonPaths.select("$theAnswer", ROOTS),
        "The JSONPath '$theAnswer' reads the variable 'theAnswer', but variables are not supported yet");
    assertRuntimeFailure(() -> JsonPaths.find("$var.x", ROOTS),
        "The JSONPath '$var.x' reads the variable 'var', but variables are not supported yet");
    assertRuntimeFailure(() -> ResultPaths.apply("$result", ROOTS.input(), json("1")),
        "The ResultPath '$result' names a variable, but variables are not supported yet");
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

  @Test
  void shouldFailClearlyWhenAnIntrinsicReadsAVariable() {
    assertRuntimeFailure(() -> Intrinsics.evaluate("States.Format('{}', $name)", ROOTS),
        "The JSONPath '$name' reads the variable 'name', but variables are not supported yet");
  }
}
