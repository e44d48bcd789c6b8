package dev.stepfold.paths;

import static dev.stepfold.paths.Json.CONTEXT;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.JsonataTest.assertQueryError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The functions Step Functions adds to JSONata. */
class JsonataFunctionsTest {
  private static final JsonataScope SCOPE = JsonataScope.of(json("{\"seed\": 42, \"text\": \"hello\"}"), CONTEXT,
      Map.of());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)|[[1,2,3],[4,5,6],[7,8,9]]",
      "$partition([1, 2, 3, 4], 3)|[[1,2,3],[4]]",
      "$partition([0], 1)|[[0]]",
      "$partition([], 2)|[]",
      "$partition(['a', {'b': 1}], 5)|[[\"a\",{\"b\":1}]]"})
  void shouldPartitionArrays(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(json(expected));
  }

  @Test
  void shouldRejectAChunkSizeBelowOne() {
    assertQueryError(() -> eval("$partition([1, 2], 0)"), "The JSONata expression '$partition([1, 2], 0)' specified "
        + "for the field 'Output' threw an error during evaluation. The chunk size of $partition must be a positive "
        + "integer, but was 0");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$range(0, 10, 2)|[0,2,4,6,8,10]",
      "$range(0, 9, 3)|[0,3,6,9]",
      "$range(0, 10, 3)|[0,3,6,9]",
      "$range(1, 9, 9)|1",
      "$range(5, 1, -2)|[5,3,1]",
      "$range(1, 3)|[1,2,3]"})
  void shouldGenerateRanges(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(json(expected));
  }

  @Test
  void shouldLimitRangesAsStatesArrayRangeDoes() {
    assertThat(eval("$count($range(1, 1000, 1))")).isEqualTo(json("1000"));
    assertQueryError(() -> eval("$range(1, 1001, 1)"), "The JSONata expression '$range(1, 1001, 1)' specified for "
        + "the field 'Output' threw an error during evaluation. $range can produce at most 1000 items");
    assertQueryError(() -> eval("$range(1, 2, 0)"), "The JSONata expression '$range(1, 2, 0)' specified for "
        + "the field 'Output' threw an error during evaluation. The step of $range must not be 0");
    assertQueryError(() -> eval("$range(1, 5, 1)[$ > 5]"), "The JSONata expression '$range(1, 5, 1)[$ > 5]' "
        + "specified for the field 'Output' returned nothing (undefined).");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "MD5|5d41402abc4b2a76b9719d911017c592",
      "SHA-1|aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
      "SHA-256|2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
      "SHA-384|59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f",
      "SHA-512|9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"})
  void shouldHashWithEachAlgorithm(String algorithm, String hex) {
    assertThat(eval("$hash($states.input.text, '" + algorithm + "')")).isEqualTo(json("\"" + hex + "\""));
  }

  @Test
  void shouldRejectAnUnknownHashAlgorithm() {
    assertQueryError(() -> eval("$hash('x', 'SHA-3')"), "The JSONata expression '$hash('x', 'SHA-3')' specified for "
        + "the field 'Output' threw an error during evaluation. The algorithm of $hash must be one of MD5, SHA-1, "
        + "SHA-256, SHA-384, SHA-512, but was SHA-3");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'-0'|0", "'1'|1", "'1.1'|1.1", "'true'|true", "'\"HelloWorld\"'|\"HelloWorld\"",
      "'[1, 2, \"HelloWorld\"]'|[1,2,\"HelloWorld\"]", "'{\"Arg1\": 1, \"Arg2\": []}'|{\"Arg1\":1,\"Arg2\":[]}",
      "'null'|null"})
  void shouldParseJsonText(String text, String expected) {
    ObjectNode input = JsonValues.NODES.objectNode().put("text", text);
    assertThat(Jsonata.evaluate("$parse($states.input.text)", JsonataScope.of(input, CONTEXT, Map.of()), "Output"))
        .isEqualTo(json(expected));
  }

  @Test
  void shouldRejectTextThatIsNotJson() {
    assertQueryError(() -> eval("$parse('{oops')"), "The JSONata expression '$parse('{oops')' specified for the "
        + "field 'Output' threw an error during evaluation. $parse could not parse the string as JSON: {oops");
    assertQueryError(() -> eval("$parse('1 2')"), "The JSONata expression '$parse('1 2')' specified for the "
        + "field 'Output' threw an error during evaluation. $parse could not parse the string as JSON: 1 2");
  }

  @Test
  void shouldGiveTheSameRandomNumberForTheSameSeed() {
    JsonNode first = eval("$random($states.input.seed)");
    assertThat(first.doubleValue()).isGreaterThanOrEqualTo(0).isLessThan(1);
    assertThat(eval("$random(42)")).isEqualTo(first);
    assertThat(eval("$random(43)")).isNotEqualTo(first);
  }

  @Test
  void shouldDrawUnseededRandomnessFromTheContextAndField() {
    JsonNode value = eval("$random()");
    assertThat(value.doubleValue()).isGreaterThanOrEqualTo(0).isLessThan(1);
    assertThat(eval("$random()")).isEqualTo(value);
    assertThat(Jsonata.evaluate("$random()", SCOPE, "Output/other")).isNotEqualTo(value);
    assertThat(Jsonata.evaluate("$random()", otherState(), "Output")).isNotEqualTo(value);
    assertThat(eval("[$random(), $random()]").get(0)).isNotEqualTo(eval("[$random(), $random()]").get(1));
  }

  @Test
  void shouldGenerateVersion4Uuids() {
    String uuid = eval("$uuid()").textValue();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(eval("$uuid()").textValue()).isEqualTo(uuid);
    assertThat(Jsonata.evaluate("$uuid()", otherState(), "Output").textValue()).isNotEqualTo(uuid);
    assertThat(eval("$uuid() = $uuid()")).isEqualTo(json("false"));
  }

  @Test
  void shouldLetStandardJsonataFunctionsWork() {
    assertThat(eval("$uppercase($states.input.text)")).isEqualTo(json("\"HELLO\""));
    assertThat(eval("$string($states.input)")).isEqualTo(json("\"{\\\"seed\\\":42,\\\"text\\\":\\\"hello\\\"}\""));
    assertThat(eval("$merge([{'a': 1}, {'b': 2}])")).isEqualTo(json("{\"a\": 1, \"b\": 2}"));
    assertThat(eval("$contains('hello$world', /^hello\\$/)")).isEqualTo(json("true"));
  }

  private static JsonataScope otherState() {
    ObjectNode context = CONTEXT.deepCopy();
    ((ObjectNode) context.get("State")).put("Name", "OtherStep");
    return JsonataScope.of(SCOPE.input(), context, Map.of());
  }

  private static JsonNode eval(String expression) {
    return Jsonata.evaluate(expression, SCOPE, "Output");
  }
}
