package dev.stepfold.asl.parse;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever is wrong with a definition, the parser answers with diagnostics and never throws. */
class MutatedDefinitionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> REPLACEMENTS = List.of(JsonNodeFactory.instance.nullNode(),
      JsonNodeFactory.instance.numberNode(-7), JsonNodeFactory.instance.textNode("x"),
      JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.booleanNode(true));

  /** Every eighth accepted case keeps the run short; they cover every state type and most fields. */
  static List<String> sampledCases() {
    var ids = ConformanceCorpus.caseIds("cases");
    var sample = new ArrayList<String>();
    for (int i = 0; i < ids.size(); i += 8) {
      sample.add(ids.get(i));
    }
    return sample;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampledCases")
  void shouldAnswerEveryMutationWithoutThrowing(String id) throws Exception {
    var corpusCase = ConformanceCorpus.load("cases", id);
    var original = JSON.readTree(corpusCase.definitionText());
    var count = countFields(original);
    for (int field = 0; field < count; field++) {
      for (int replacement = -1; replacement < REPLACEMENTS.size(); replacement++) {
        var text = mutateAt(original.deepCopy(), field, replacement).toString();
        assertThatCode(() -> DefinitionParser.parse(text, corpusCase.type())).as(text).doesNotThrowAnyException();
      }
    }
  }

  private static int countFields(JsonNode node) {
    var count = new int[] {0};
    walk(node, (parent, key) -> count[0]++);
    return count[0];
  }

  /** Removes (replacement -1) or replaces the n-th field or element met in document order. */
  private static JsonNode mutateAt(JsonNode root, int n, int replacement) {
    var seen = new int[] {0};
    var done = new boolean[] {false};
    walk(root, (parent, key) -> {
      if (done[0] || seen[0]++ != n) {
        return;
      }
      done[0] = true;
      if (parent instanceof ObjectNode object) {
        if (replacement < 0) {
          object.remove((String) key);
        } else {
          object.set((String) key, REPLACEMENTS.get(replacement));
        }
      } else if (parent instanceof ArrayNode array) {
        if (replacement < 0) {
          array.remove((Integer) key);
        } else {
          array.set((Integer) key, REPLACEMENTS.get(replacement));
        }
      }
    });
    return root;
  }

  private interface Visitor {
    void visit(JsonNode parent, Object key);
  }

  private static void walk(JsonNode node, Visitor visitor) {
    if (node.isObject()) {
      var names = new ArrayList<String>();
      node.fieldNames().forEachRemaining(names::add);
      for (var name : names) {
        var child = node.get(name);
        visitor.visit(node, name);
        if (child != null) {
          walk(child, visitor);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        var child = node.get(i);
        visitor.visit(node, i);
        walk(child, visitor);
      }
    }
  }
}
