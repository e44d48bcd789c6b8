package dev.stepfold.paths;

import static dev.stepfold.paths.Json.failure;
import static dev.stepfold.paths.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.StatesError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPathsTest {
  private static final JsonNode RESULT = json("{\"r\": 1}");

  @Test
  void shouldReplaceTheInputWithTheRootPath() {
    assertThat(ResultPaths.apply("$", json("{\"a\": 1}"), RESULT)).isSameAs(RESULT);
  }

  @Test
  void shouldAddTheResultAsAMemberOfTheInput() {
    assertThat(ResultPaths.apply("$.result", json("{\"a\": 1}"), RESULT)).isEqualTo(json("{\"a\": 1, \"result\": {\"r\": 1}}"));
  }

  @Test
  void shouldReplaceAnExistingMember() {
    assertThat(ResultPaths.apply("$.a.b", json("{\"a\": {\"b\": 0, \"c\": 2}}"), RESULT))
        .isEqualTo(json("{\"a\": {\"b\": {\"r\": 1}, \"c\": 2}}"));
  }

  @Test
  void shouldCreateMissingObjectsOnTheWay() {
    assertThat(ResultPaths.apply("$.x.y['z w']", json("{\"a\": 1}"), RESULT))
        .isEqualTo(json("{\"a\": 1, \"x\": {\"y\": {\"z w\": {\"r\": 1}}}}"));
  }

  @Test
  void shouldPlaceTheResultIntoAnExistingArrayElement() {
    assertThat(ResultPaths.apply("$.list[1].v", json("{\"list\": [{}, {\"v\": 0}]}"), RESULT))
        .isEqualTo(json("{\"list\": [{}, {\"v\": {\"r\": 1}}]}"));
  }

  @Test
  void shouldLeaveTheInputUnchanged() {
    JsonNode input = json("{\"a\": {\"b\": 0}, \"other\": {\"deep\": [1]}}");
    JsonNode output = ResultPaths.apply("$.a.b", input, RESULT);
    assertThat(input).isEqualTo(json("{\"a\": {\"b\": 0}, \"other\": {\"deep\": [1]}}"));
    assertThat(output.get("other")).isSameAs(input.get("other"));
  }

  @Test
  void shouldFailWhenTheInputIsNotAnObject() {
    assertThat(failure(() -> ResultPaths.apply("$.result", json("\"text\""), RESULT)))
        .isEqualTo(new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
            "Unable to apply ReferencePath $.result to input \"text\""));
  }

  @Test
  void shouldFailWhenAMemberOnTheWayIsNotAnObject() {
    assertThat(failure(() -> ResultPaths.apply("$.a.b", json("{\"a\": [1]}"), RESULT)))
        .isEqualTo(new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
            "Unable to apply ReferencePath $.a.b to input {\"a\":[1]}"));
  }

  @Test
  void shouldFailWhenTheArrayIndexIsOutOfBounds() {
    assertThat(failure(() -> ResultPaths.apply("$.list[3]", json("{\"list\": [1]}"), RESULT)).error())
        .isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
  }

  @Test
  void shouldPlaceTheResultUnderABracketNameWithEscapedQuotesAndBackslashesInEitherQuoteStyle() {
    JsonNode placed = json("{\"a\\\"b\\\\c\": {\"r\": 1}}");
    assertThat(ResultPaths.apply("$['a\\\"b\\\\c']", json("{}"), RESULT)).isEqualTo(placed);
    assertThat(ResultPaths.apply("$[\"a\\\"b\\\\c\"]", json("{}"), RESULT)).isEqualTo(placed);
    assertThat(ResultPaths.apply("$['it\\'s']", json("{\"it's\": 0}"), RESULT)).isEqualTo(json("{\"it's\": {\"r\": 1}}"));
    assertThat(ResultPaths.apply("$[\"it's\"]", json("{\"it's\": 0}"), RESULT)).isEqualTo(json("{\"it's\": {\"r\": 1}}"));
  }

  @Test
  void shouldPlaceTheResultUnderANameThatLooksLikeSeveralSteps() {
    assertThat(ResultPaths.apply("$.outer[\"x']['y\"].z", json("{\"outer\": {}}"), RESULT))
        .isEqualTo(json("{\"outer\": {\"x']['y\": {\"z\": {\"r\": 1}}}}"));
    assertThat(ResultPaths.apply("$['x\\'][\\'y'][0]", json("{\"x']['y\": [0]}"), RESULT))
        .isEqualTo(json("{\"x']['y\": [{\"r\": 1}]}"));
  }

  @Test
  void shouldReadBackWhatAPathWithEscapedNamesWrote() {
    for (String path : List.of("$['a\\\"b\\\\c']", "$[\"a\\\"b\\\\c\"]", "$['q\\'']['\\\\']", "$[\"\\\"\"][ 'x' ]", "$.p['a\\tb']")) {
      JsonNode written = ResultPaths.apply(path, json("{}"), RESULT);
      assertThat(JsonPaths.select(path, new PathRoots(written, Json.CONTEXT))).as(path).isEqualTo(RESULT);
    }
  }

  @Test
  void shouldRejectAPathThatIsNotAReferencePath() {
    assertThatThrownBy(() -> ResultPaths.apply("$.items[*]", json("{}"), RESULT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
