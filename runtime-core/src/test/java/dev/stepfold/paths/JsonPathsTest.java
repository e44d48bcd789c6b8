package dev.stepfold.paths;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathsTest {
  private static final PathRoots ROOTS = roots("""
      {"a": {"b": 1.5, "text": "x", "nothing": null}, "items": [{"id": 1, "ok": true}, {"id": 2, "ok": false}],
       "users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]}""");

  @Test
  void shouldSelectTheWholeInputWithTheRootPath() {
    assertThat(JsonPaths.select("$", ROOTS)).isSameAs(ROOTS.input());
  }

  @Test
  void shouldSelectMembersAndArrayElementsWithTheirJsonTypes() {
    assertThat(JsonPaths.select("$.a.b", ROOTS)).isEqualTo(json("1.5"));
    assertThat(JsonPaths.select("$.a.text", ROOTS)).isEqualTo(json("\"x\""));
    assertThat(JsonPaths.select("$.a.nothing", ROOTS)).isEqualTo(json("null"));
    assertThat(JsonPaths.select("$['items'][1]", ROOTS)).isEqualTo(json("{\"id\": 2, \"ok\": false}"));
    assertThat(JsonPaths.select("$.items[0].ok", ROOTS)).isEqualTo(json("true"));
    assertThat(JsonPaths.select("$.items[-1:]", ROOTS)).isEqualTo(json("[{\"id\": 2, \"ok\": false}]"));
  }

  @Test
  void shouldReadTheContextObjectWithDoubleDollarPaths() {
    assertThat(JsonPaths.select("$$.Execution.Input.greeting", ROOTS)).isEqualTo(json("\"hello\""));
    assertThat(JsonPaths.select("$$", ROOTS)).isSameAs(Json.CONTEXT);
  }

  @Test
  void shouldReturnArraysForIndefinitePaths() {
    assertThat(JsonPaths.select("$.items[*].id", ROOTS)).isEqualTo(json("[1, 2]"));
    assertThat(JsonPaths.select("$.users[?(@.status == 0)]", ROOTS)).isEqualTo(json("[{\"year\": 1997, \"status\": 0}]"));
    assertThat(JsonPaths.select("$..id", ROOTS)).isEqualTo(json("[1, 2]"));
  }

  @Test
  void shouldReturnAnEmptyArrayWhenAnIndefinitePathMatchesNothing() {
    PathRoots empty = roots("{}");
    assertThat(JsonPaths.select("$[*]", empty)).isEqualTo(json("[]"));
    assertThat(JsonPaths.select("$.item.items[*]", empty)).isEqualTo(json("[]"));
    assertThat(JsonPaths.select("$.items[1:5].itemValue", empty)).isEqualTo(json("[]"));
  }

  @Test
  void shouldFailWithJaywaysMessageWhenTheLastMemberIsMissing() {
    assertRuntimeFailure(() -> JsonPaths.select("$.NoSuchInputPath", ROOTS),
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  }

  @Test
  void shouldFailWithJaywaysMessageWhenAMemberOnTheWayIsMissing() {
    assertRuntimeFailure(() -> JsonPaths.select("$.no.such.result.path", roots("{}")),
        "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
  }

  @Test
  void shouldNameTheFieldAndPrintTheInputCompactlyWhenAFieldsPathMisses() {
    assertRuntimeFailure(() -> JsonPaths.selectForField("$.nope.deep", "missing.$", roots("{ \"other\" : 1 }")),
        "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{\"other\":1}'");
    assertRuntimeFailure(() -> JsonPaths.selectForField("$.ErrorX", "ErrorPath", roots("{\"a\": [1, 2]}")),
        "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"a\":[1,2]}'");
  }

  @Test
  void shouldFindPresentValuesIncludingNullAndNothingForMisses() {
    assertThat(JsonPaths.find("$.a.nothing", ROOTS)).contains(json("null"));
    assertThat(JsonPaths.find("$.a.missing", ROOTS)).isEmpty();
    assertThat(JsonPaths.find("$.missing.deeper", ROOTS)).isEmpty();
    assertThat(JsonPaths.find("$.a.text.deeper", ROOTS)).isEmpty();
  }

  @Test
  void shouldTellValidPathsFromInvalidOnes() {
    assertThat(JsonPaths.isValidPath("$")).isTrue();
    assertThat(JsonPaths.isValidPath("$$.Execution.Id")).isTrue();
    assertThat(JsonPaths.isValidPath("$.items[?(@.id > 1)]")).isTrue();
    assertThat(JsonPaths.isValidPath("a.b")).isFalse();
    assertThat(JsonPaths.isValidPath("$.a[0")).isFalse();
    assertThat(JsonPaths.isValidPath("$.a b")).isFalse();
    assertThat(JsonPaths.isValidPath("")).isFalse();
  }

  @Test
  void shouldAcceptOnlyDefinitePathsAsReferencePaths() {
    assertThat(JsonPaths.isValidReferencePath("$")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$.a.b[0]")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$['a']")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$.items[*].id")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$..id")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.items[?(@.id > 1)]")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.items.length()")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("nope")).isFalse();
  }

  /** Members named {@code a"b\c} (in JSON text {@code "a\"b\\c"}), {@code it's} and {@code x']['y}. */
  private static final PathRoots ESCAPED_NAMES = roots("""
      {"a\\"b\\\\c": {"it's": 1, "x']['y": 2}, "plain": 3}""");

  @Test
  void shouldReadBracketNamesWithEscapedQuotesAndBackslashesInEitherQuoteStyle() {
    assertThat(JsonPaths.select("$['a\\\"b\\\\c']", ESCAPED_NAMES)).isEqualTo(json("{\"it's\": 1, \"x']['y\": 2}"));
    assertThat(JsonPaths.select("$[\"a\\\"b\\\\c\"]", ESCAPED_NAMES)).isEqualTo(json("{\"it's\": 1, \"x']['y\": 2}"));
    assertThat(JsonPaths.select("$['a\\\"b\\\\c']['it\\'s']", ESCAPED_NAMES)).isEqualTo(json("1"));
    assertThat(JsonPaths.select("$[\"a\\\"b\\\\c\"][\"it's\"]", ESCAPED_NAMES)).isEqualTo(json("1"));
    assertThat(JsonPaths.select("$['a\\\"b\\\\c']['x\\'][\\'y']", ESCAPED_NAMES)).isEqualTo(json("2"));
    assertThat(JsonPaths.selectForField("$[\"a\\\"b\\\\c\"].it's", "v.$", ESCAPED_NAMES)).isEqualTo(json("1"));
  }

  @Test
  void shouldTakeBracketNamesWithEscapesAsReferencePathsButNotSeveralNamesInOneBracket() {
    assertThat(JsonPaths.isValidReferencePath("$['a\\\"b\\\\c']")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$[\"a\\\"b\\\\c\"][0]")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$$['it\\'s']")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$var['it\\'s'].x")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$['a','b']")).isFalse();
  }

  @Test
  void shouldNotChangeTheInputWhenReading() {
    PathRoots roots = roots("{\"a\": {\"b\": [1, 2]}}");
    JsonPaths.select("$.a.b[*]", roots);
    assertThat(roots.input()).isEqualTo(json("{\"a\": {\"b\": [1, 2]}}"));
  }
}
