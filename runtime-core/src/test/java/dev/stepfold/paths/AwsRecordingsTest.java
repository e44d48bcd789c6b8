package dev.stepfold.paths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.engine.behavior.ChoiceRules;
import dev.stepfold.error.StatesError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executions AWS recorded (extracted from the conformance corpus into test resources): every Choice operator case,
 * and every single-Pass-state case whose Parameters template is the whole story.
 */
class AwsRecordingsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> choiceCases() {
    return cases("aws-choice-operators.json");
  }

  static Stream<Arguments> templateCases() {
    return cases("aws-payload-templates.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("choiceCases")
  void shouldChooseAsAwsChose(String name, JsonNode recorded) {
    PathRoots roots = rootsFor(recorded.get("input"));
    assertThat(ChoiceRules.matches(rule(recorded.get("rule")), roots)).isEqualTo(recorded.get("matches").booleanValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templateCases")
  void shouldBuildTheParametersAwsBuilt(String name, JsonNode recorded) {
    JsonNode template = recorded.get("template");
    PathRoots roots = rootsFor(recorded.get("input"));
    assertThat(PayloadTemplates.validate(template)).isEmpty();
    if (recorded.has("output")) {
      assertThat(PayloadTemplates.evaluate(template, roots)).isEqualTo(recorded.get("output"));
    } else {
      assertThat(Json.failure(() -> PayloadTemplates.evaluate(template, roots)))
          .isEqualTo(StatesError.runtime(recorded.get("cause").textValue()));
    }
  }

  private static PathRoots rootsFor(JsonNode input) {
    ObjectNode context = Json.CONTEXT.deepCopy();
    ((ObjectNode) context.get("Execution")).set("Input", input);
    return new PathRoots(input, context);
  }

  /** The JSONPath rule as ASL writes it: And, Or, Not, or a Variable with one operator. */
  private static ChoiceRule rule(JsonNode json) {
    if (json.has("And")) {
      return new ChoiceRule.And(rules(json.get("And")));
    }
    if (json.has("Or")) {
      return new ChoiceRule.Or(rules(json.get("Or")));
    }
    if (json.has("Not")) {
      return new ChoiceRule.Not(rule(json.get("Not")));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      var operator = ComparisonOperator.byAslName(field.getKey());
      if (operator.isPresent()) {
        return new ChoiceRule.Comparison(json.get("Variable").textValue(), operator.get(), field.getValue());
      }
    }
    throw new IllegalArgumentException("Expected a Choice rule, but got " + json);
  }

  private static List<ChoiceRule> rules(JsonNode array) {
    List<ChoiceRule> rules = new ArrayList<>();
    array.forEach(item -> rules.add(rule(item)));
    return rules;
  }

  private static Stream<Arguments> cases(String resource) {
    try (InputStream in = AwsRecordingsTest.class.getResourceAsStream(resource)) {
      JsonNode cases = MAPPER.readTree(in).get("cases");
      return StreamSupport.stream(cases.spliterator(), false)
          .map(recorded -> Arguments.of(recorded.get("case").textValue(), recorded));
    } catch (IOException e) {
      throw new IllegalStateException("Expected the test resource " + resource + ", but could not read it", e);
    }
  }
}
