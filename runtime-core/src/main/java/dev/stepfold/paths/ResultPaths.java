package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.PathSteps.Element;
import dev.stepfold.paths.PathSteps.Member;
import dev.stepfold.paths.PathSteps.Step;
import java.util.List;

/** ResultPath: where a state's result goes in its input. */
public final class ResultPaths {
  private static final BoundedCache<String, List<Step>> STEPS = new BoundedCache<>(10_000);

  private ResultPaths() {}

  /**
   * A new node: {@code input} with {@code result} placed at {@code resultPath} ({@code "$"} replaces the input),
   * creating missing objects on the way; the input is not changed. Placing into a non-object fails with AWS's message.
   */
  public static JsonNode apply(String resultPath, JsonNode input, JsonNode result) {
    if (resultPath.equals("$")) {
      return result;
    }
    List<Step> steps = STEPS.get(resultPath, ResultPaths::steps);
    JsonNode placed = place(input, steps, 0, result);
    if (placed == null) {
      throw new StatesFailure(StatesError.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ReferencePath " + resultPath + " to input " + JsonValues.compact(input));
    }
    return placed;
  }

  /** A copy of {@code node} with {@code result} at the remaining steps (only the nodes on the way are copied), or null. */
  private static JsonNode place(JsonNode node, List<Step> steps, int index, JsonNode result) {
    if (index == steps.size()) {
      return result;
    }
    Step step = steps.get(index);
    if (step instanceof Member member && node.isObject()) {
      JsonNode child = node.get(member.name());
      JsonNode placed = place(child == null ? JsonValues.NODES.objectNode() : child, steps, index + 1, result);
      if (placed == null) {
        return null;
      }
      ObjectNode copy = JsonValues.NODES.objectNode();
      copy.setAll((ObjectNode) node);
      copy.set(member.name(), placed);
      return copy;
    }
    if (step instanceof Element element && node.isArray()) {
      int position = element.index() < 0 ? node.size() + element.index() : element.index();
      if (position < 0 || position >= node.size()) {
        return null;
      }
      JsonNode placed = place(node.get(position), steps, index + 1, result);
      if (placed == null) {
        return null;
      }
      ArrayNode copy = JsonValues.NODES.arrayNode().addAll((ArrayNode) node);
      copy.set(position, placed);
      return copy;
    }
    return null;
  }

  /** The steps of a reference path on the input. */
  private static List<Step> steps(String resultPath) {
    if (JsonPaths.readsVariable(resultPath)) {
      throw StatesFailure.runtime("The ResultPath '" + resultPath + "' names a variable, but a ResultPath can only "
          + "place the result in the input");
    }
    if (!JsonPaths.isValidReferencePath(resultPath) || resultPath.startsWith("$$")) {
      throw new IllegalArgumentException("Expected a reference path on the input for ResultPath, but got '"
          + resultPath + "'");
    }
    return PathSteps.of(resultPath, 1).orElseThrow();
  }

}
