package dev.stepfold.paths;

import static dev.stepfold.paths.Json.CONTEXT;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.JsonataTest.assertQueryError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.StatesError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariablesTest {
  private static final Map<String, JsonNode> BEFORE = Map.of("answer", json("42"), "list", json("[1, 2]"));

  @Test
  void shouldAssignJsonPathValuesAsAwsRecorded() {
    // assign.assign_base.base_cases_BASE_VAR, State0 (abridged): only ".$" keys are evaluated.
    JsonNode assign = json("""
        {"varname.$": "$.input_value", "constant_null": null, "constant_float": 0.1,
         "constant_str_path": "$.no.such.path", "constant_str_var": "$noSuchVar",
         "constant_str_intrinsic_func": "States.Format('Format Func {}', $varname)",
         "constant_str_jsonata_expr": "{% $varname.varfield %}", "constant_lst": [null, "$varname", "{% $varname %}"],
         "constant_obj": {"in_obj_constant_str_contextpath": "$$.Execution.Id"}}""");
    PathRoots roots = new PathRoots(json("{\"input_value\": \"input_value_literal\"}"), CONTEXT);
    Map<String, JsonNode> assigned = Variables.assignJsonPath(assign, roots);
    assertThat(assigned.keySet()).containsExactly("varname", "constant_null", "constant_float", "constant_str_path",
        "constant_str_var", "constant_str_intrinsic_func", "constant_str_jsonata_expr", "constant_lst", "constant_obj");
    assertThat(Variables.rendered(assigned)).containsEntry("varname", "\"input_value_literal\"")
        .containsEntry("constant_null", "null")
        .containsEntry("constant_float", "0.1")
        .containsEntry("constant_str_var", "\"$noSuchVar\"")
        .containsEntry("constant_str_jsonata_expr", "\"{% $varname.varfield %}\"")
        .containsEntry("constant_lst", "[null,\"$varname\",\"{% $varname %}\"]");
  }

  @Test
  void shouldReadTheStateResultContextAndVariablesInJsonPathAssign() {
    // assign.assign_reference_variables.variables_in_lambda_task_BASE_ASSIGN_FROM_LAMBDA_TASK_RESULT: "$" is the result.
    PathRoots roots = new PathRoots(json("{\"Payload\": \"HelloWorld!\"}"), CONTEXT, BEFORE);
    assertThat(Variables.assignJsonPath(json("""
        {"result.$": "$.Payload", "previous.$": "$answer", "state.$": "$$.State.Name", "n.$": "States.ArrayLength($list)"}"""),
        roots)).containsExactly(Map.entry("result", json("\"HelloWorld!\"")), Map.entry("previous", json("42")),
        Map.entry("state", json("\"Step\"")), Map.entry("n", json("2")));
  }

  @Test
  void shouldEvaluateEveryJsonPathAssignmentAgainstTheVariablesBeforeTheState() {
    // query_language.mixed_query_language.variable_sampling_JSONATA_ASSIGN_JSONPATH_REF
    PathRoots roots = new PathRoots(json("{}"), CONTEXT, Map.of("theAnswerVar", json("42")));
    assertThat(Variables.assignJsonPath(json("{\"theAnswerVar\": 18, \"oldAnswerVar.$\": \"$theAnswerVar\"}"), roots))
        .containsExactly(Map.entry("theAnswerVar", json("18")), Map.entry("oldAnswerVar", json("42")));
  }

  @Test
  void shouldAssignJsonataTemplatesAgainstTheVariablesBeforeTheState() {
    JsonataScope scope = JsonataScope.of(json("{\"input_values\": [1, 2, 3]}"), CONTEXT, BEFORE)
        .withResult(json("{\"status\": \"ok\"}"));
    Map<String, JsonNode> assigned = Variables.assignJsonata(json("""
        {"answer": "{% $answer + 1 %}", "old": "{% $answer %}", "status": "{% $states.result.status %}",
         "sum": "{% $sum($states.input.input_values) %}", "literal": "$answer", "nested": {"a": ["{% $list[0] %}"]}}"""),
        scope);
    assertThat(assigned).containsExactly(Map.entry("answer", json("43")), Map.entry("old", json("42")),
        Map.entry("status", json("\"ok\"")), Map.entry("sum", json("6")), Map.entry("literal", json("\"$answer\"")),
        Map.entry("nested", json("{\"a\": [1]}")));
  }

  @Test
  void shouldNameTheAssignFieldWhenAJsonataAssignmentFails() {
    // assign.assign_reference_variables.undefined_reference_BASE_UNDEFINED_ASSIGN
    assertQueryError(() -> Variables.assignJsonata(json("{\"result\": \"{% $doesNotExist %}\"}"),
            JsonataScope.of(json("{}"), CONTEXT, Map.of())),
        "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).");
  }

  @Test
  void shouldLimitOneVariableAndOneAssignTo256KiB() {
    String big = "x".repeat(Variables.MAX_VARIABLE_BYTES);
    PathRoots roots = new PathRoots(JsonValues.NODES.objectNode().put("big", big)
        .put("half", "y".repeat(Variables.MAX_ASSIGN_BYTES / 2)), CONTEXT);
    assertThat(Json.failure(() -> Variables.assignJsonPath(json("{\"v.$\": \"$.big\"}"), roots))).isEqualTo(
        new StatesError(StatesError.DATA_LIMIT_EXCEEDED, "The value assigned to the variable 'v' has a size of "
            + "262146 bytes, which exceeds the maximum of 262144 bytes"));
    assertThat(Json.failure(() -> Variables.assignJsonPath(json("{\"a.$\": \"$.half\", \"b.$\": \"$.half\"}"), roots)))
        .isEqualTo(new StatesError(StatesError.DATA_LIMIT_EXCEEDED, "The values assigned by one Assign have a "
            + "combined size of 262148 bytes, which exceeds the maximum of 262144 bytes"));
    assertThat(Variables.assignJsonPath(json("{\"a.$\": \"$.half\"}"), roots)).containsOnlyKeys("a");
  }

  @Test
  void shouldMergeAssignedVariablesAndLimitTheirTotalTo10MiB() {
    assertThat(Variables.withAssigned(BEFORE, Map.of("answer", json("0"), "new", json("true"))))
        .containsOnly(Map.entry("answer", json("0")), Map.entry("list", json("[1, 2]")), Map.entry("new", json("true")));
    Map<String, JsonNode> many = new LinkedHashMap<>();
    JsonNode chunk = JsonValues.NODES.textNode("z".repeat(250 * 1024));
    for (int i = 0; i < 41; i++) {
      many.put("v" + i, chunk);
    }
    assertThat(Json.failure(() -> Variables.withAssigned(Map.of(), many)).error())
        .isEqualTo(StatesError.DATA_LIMIT_EXCEEDED);
    many.remove("v40");
    assertThat(Variables.withAssigned(Map.of(), many)).hasSize(40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "_x", "theAnswer", "var_1", "räksmörgås"})
  void shouldAcceptVariableNames(String name) {
    assertThat(Variables.validateName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1x", "a-b", "a b", "a.b", "$x"})
  void shouldRejectMalformedVariableNames(String name) {
    assertThat(Variables.validateName(name)).contains("The variable name '" + name + "' is invalid: it must start "
        + "with a letter or '_' and contain only letters, digits and '_'");
  }

  @Test
  void shouldReserveStates() {
    assertThat(Variables.validateName("states")).contains("The variable name 'states' is reserved");
    assertThat(Variables.validateAssign(json("{\"states\": 1}"), true)).contains("The variable name 'states' is reserved");
  }

  @Test
  void shouldValidateAssignBlocks() {
    assertThat(Variables.validateAssign(json("{\"a.$\": \"$.x\", \"b\": \"{% ( %}\", \"c\": [1]}"), false)).isEmpty();
    assertThat(Variables.validateAssign(json("{\"a\": \"{% $x %}\", \"b\": {\"c\": [\"{% 1 + %}\"]}}"), true))
        .contains("The JSONata expression '1 +' specified for the field 'Assign/b/c/0' is invalid: "
            + "S0207: Unexpected end of expression");
    assertThat(Variables.validateAssign(json("{\"a.$\": \"$$$\"}"), false)).contains(
        "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call");
    assertThat(Variables.validateAssign(json("{\"a\": 1, \"a.$\": \"$.x\"}"), false)).contains(
        "The variable 'a' is assigned more than once in the same Assign");
    assertThat(Variables.validateAssign(json("[]"), true)).contains("The value of the field 'Assign' must be an object");
  }
}
