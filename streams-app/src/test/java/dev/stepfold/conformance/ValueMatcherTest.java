package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueMatcherTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ValueMatcher matcher = new ValueMatcher(Set.of("<ArnPart_0idx>", "<uuid:1>", "<uuid:10>", "<lambda_function_name>"),
      Set.of("<date>"));

  @Test
  void shouldCompareNumbersByValue() {
    assertThat(compare("1", "1.0")).isEmpty();
    assertThat(compare("1", "\"1.0\"")).isEmpty();
    assertThat(compare("[1, 2]", "[1, 3]")).contains("[1]: expected 2, but got 3");
  }

  @Test
  void shouldRequireExactKeySets() {
    assertThat(compare("{\"a\": 1}", "{\"a\": 1, \"b\": 2}")).contains("keys differ: missing [], extra [b]");
    assertThat(compare("{\"a\": 1, \"b\": 2}", "{\"a\": 1}")).contains("keys differ: missing [b], extra []");
  }

  @Test
  void shouldReportThePathOfTheFirstDifference() {
    assertThat(matcher.compare("events[3].details", json("{\"a\": {\"b\": [true, false]}}"), json("{\"a\": {\"b\": [true, true]}}")))
        .contains("events[3].details.a.b[1]: expected false, but got true");
  }

  @Test
  void shouldCompareJsonTextAsParsedJson() {
    assertThat(compare("{\"a\": [1, 2]}", text("{ \"a\" : [1,2.0] }"))).isEmpty();
    assertThat(compare("\"[1,2,3,4]\"", text("[1, 2, 3, 4]"))).isEmpty();
    assertThat(compare("\"\\\"a string\\\"\"", text("\"a string\""))).isEmpty();
    assertThat(compare("\"42\"", "42")).isEmpty();
    assertThat(compare("{\"a\": 1}", text("not json"))).isPresent();
  }

  @Test
  void shouldKeepLiteralsStrict() {
    assertThat(compare("true", "true")).isEmpty();
    assertThat(compare("null", "false")).isPresent();
    assertThat(compare("\"abc\"", text("abd"))).contains("expected \"abc\", but got \"abd\"");
  }

  @Test
  void shouldBindAPlaceholderOnFirstMatchAndHoldItForTheCase() {
    assertThat(compare("\"arn:aws:states:us-east-1:111111111111:stateMachine:<ArnPart_0idx>\"",
        text("arn:aws:states:us-east-1:111111111111:stateMachine:Machine1"))).isEmpty();
    assertThat(matcher.bindings()).containsEntry("<ArnPart_0idx>", "Machine1");

    assertThat(compare("\"name <ArnPart_0idx>\"", text("name Machine1"))).isEmpty();
    assertThat(compare("\"name <ArnPart_0idx>\"", text("name Machine2"))).isPresent();
  }

  @Test
  void shouldMatchAPlaceholderWithItsOwnLiteralTextWithoutBinding() {
    assertThat(compare("\"fn <lambda_function_name>\"", text("fn <lambda_function_name>"))).isEmpty();
    assertThat(matcher.bindings()).isEmpty();

    compare("\"<lambda_function_name>\"", text("charge"));
    assertThat(compare("\"x <lambda_function_name>\"", text("x <lambda_function_name>"))).isEmpty();
    assertThat(compare("\"x <lambda_function_name>\"", text("x charge"))).isEmpty();
  }

  @Test
  void shouldUseTheSameValueForRepeatedPlaceholdersInOneString() {
    assertThat(compare("\"<uuid:1>/<uuid:1>\"", text("ab/ab"))).isEmpty();
    assertThat(new ValueMatcher(Set.of("<uuid:1>"), Set.of()).compare("", TextNode.valueOf("<uuid:1>/<uuid:1>"), TextNode.valueOf("ab/cd")))
        .isPresent();
  }

  @Test
  void shouldTellLongerTokensFromTheirPrefixes() {
    assertThat(compare("\"<uuid:10>-<uuid:1>\"", text("x-y"))).isEmpty();
    assertThat(matcher.bindings()).containsEntry("<uuid:10>", "x").containsEntry("<uuid:1>", "y");
  }

  @Test
  void shouldLetWildcardsMatchAnyTextEachTimeIndependently() {
    assertThat(compare("\"at <date> and <date>\"", text("at 2024-01-01T00:00:00Z and "))).isEmpty();
    assertThat(compare("\"<date>\"", text("yesterday"))).isEmpty();
    assertThat(matcher.bindings()).isEmpty();
  }

  @Test
  void shouldLetAWholeTokenMatchANonStringValue() {
    assertThat(compare("\"<date>\"", "{\"any\": 1}")).isEmpty();
    assertThat(compare("\"<uuid:1>\"", "{\"b\": 1}")).isEmpty();
    assertThat(matcher.bindings()).containsEntry("<uuid:1>", "{\"b\":1}");
    assertThat(compare("\"<uuid:1>\"", "{\"b\": 2}")).isPresent();
  }

  @Test
  void shouldOnlyTreatListedStringsAsTokens() {
    assertThat(compare("\"<not_a_token>\"", text("x"))).isPresent();
    assertThat(compare("\"<not_a_token>\"", text("<not_a_token>"))).isEmpty();
  }

  @Test
  void shouldMatchTokensInsideJsonText() {
    assertThat(compare("{\"FunctionName\": \"<lambda_function_name>\", \"Payload\": {\"at\": \"<date>\"}}",
        text("{\"FunctionName\":\"fn-1\",\"Payload\":{\"at\":\"2024-01-01\"}}"))).isEmpty();
    assertThat(matcher.bindings()).containsEntry("<lambda_function_name>", "fn-1");
  }

  @Test
  void shouldNotBindWhenATrialOnACopyFails() {
    var trial = matcher.copy();
    assertThat(trial.compare("", json("[\"<uuid:1>\", 1]"), json("[\"a\", 2]"))).isPresent();
    assertThat(matcher.bindings()).isEmpty();
  }

  private Optional<String> compare(String expected, String actual) {
    return matcher.compare("", json(expected), json(actual));
  }

  private static String text(String value) {
    return TextNode.valueOf(value).toString();
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
