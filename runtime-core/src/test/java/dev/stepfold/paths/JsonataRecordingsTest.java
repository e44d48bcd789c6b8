package dev.stepfold.paths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.error.StatesError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSONata expressions of executions AWS recorded (extracted from the conformance corpus into test resources):
 * single Pass states whose Output is the whole story, and Map states whose Items is.
 */
class JsonataRecordingsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> outputCases() {
    return cases("aws-jsonata-outputs.json");
  }

  static Stream<Arguments> itemsCases() {
    return cases("aws-jsonata-items.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputCases")
  void shouldProduceTheOutputAwsProduced(String name, JsonNode recorded) {
    JsonNode template = recorded.get("template");
    JsonataScope scope = scopeFor(recorded.get("input"), Map.of());
    assertThat(Jsonata.validateTemplate(template, "Output")).isEmpty();
    if (recorded.has("output")) {
      assertThat(Jsonata.evaluateTemplate(template, scope, "Output")).isEqualTo(recorded.get("output"));
    } else {
      assertThat(Json.failure(() -> Jsonata.evaluateTemplate(template, scope, "Output")))
          .isEqualTo(new StatesError(recorded.get("error").textValue(), recorded.get("cause").textValue()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("itemsCases")
  void shouldReadTheItemsAwsRead(String name, JsonNode recorded) {
    Map<String, JsonNode> variables = Map.of();
    if (recorded.has("assign")) {
      JsonataScope before = scopeFor(recorded.get("input"), Map.of());
      variables = recorded.get("assignQueryLanguage").textValue().equals("JSONata")
          ? Variables.assignJsonata(recorded.get("assign"), before)
          : Variables.assignJsonPath(recorded.get("assign"), new PathRoots(before.input(), before.context()));
    }
    JsonataScope scope = scopeFor(recorded.get("input"), variables);
    String expression = Jsonata.expressionOf(recorded.get("items").textValue()).orElseThrow();
    if (recorded.has("output")) {
      assertThat(Jsonata.evaluateArray(expression, scope, "Items")).isEqualTo(recorded.get("output"));
    } else {
      assertThat(Json.failure(() -> Jsonata.evaluateArray(expression, scope, "Items")))
          .isEqualTo(new StatesError(recorded.get("error").textValue(), recorded.get("cause").textValue()));
    }
  }

  private static JsonataScope scopeFor(JsonNode input, Map<String, JsonNode> variables) {
    ObjectNode context = Json.CONTEXT.deepCopy();
    ((ObjectNode) context.get("Execution")).set("Input", input);
    return JsonataScope.of(input, context, variables);
  }

  private static Stream<Arguments> cases(String resource) {
    try (InputStream in = JsonataRecordingsTest.class.getResourceAsStream(resource)) {
      JsonNode cases = MAPPER.readTree(in).get("cases");
      return StreamSupport.stream(cases.spliterator(), false)
          .map(recorded -> Arguments.of(recorded.get("case").textValue(), recorded));
    } catch (IOException e) {
      throw new IllegalStateException("Expected the test resource " + resource + ", but could not read it", e);
    }
  }
}
