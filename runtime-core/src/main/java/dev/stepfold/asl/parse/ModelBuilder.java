package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.Transition;
import dev.stepfold.asl.ValueSource;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a validated definition into the model; it trusts the validator and checks nothing itself. */
final class ModelBuilder {
  private ModelBuilder() {}

  static StateMachineDefinition build(JsonNode document) {
    var language = QueryLanguages.resolve(document.get("QueryLanguage"), QueryLanguage.JSONPATH);
    var timeout = document.has("TimeoutSeconds")
        ? OptionalLong.of(document.get("TimeoutSeconds").longValue())
        : OptionalLong.empty();
    return new StateMachineDefinition(graph(document, language), language, timeout, text(document, "Comment"), document);
  }

  static StateGraph graph(JsonNode graph, QueryLanguage definitionLanguage) {
    var states = new LinkedHashMap<String, AslState>();
    graph.get("States").fields().forEachRemaining(entry ->
        states.put(entry.getKey(), StateBuilder.build(entry.getKey(), entry.getValue(), definitionLanguage)));
    return new StateGraph(graph.get("StartAt").textValue(), states);
  }

  static Optional<JsonNode> node(JsonNode object, String field) {
    return Optional.ofNullable(object.get(field));
  }

  static Optional<String> text(JsonNode object, String field) {
    return node(object, field).map(JsonNode::textValue);
  }

  /** {@code "$"} when absent, empty when given as null (see {@link dev.stepfold.asl.StateIo}). */
  static Optional<String> path(JsonNode object, String field) {
    var value = object.get(field);
    if (value == null) {
      return Optional.of("$");
    }
    return value.isNull() ? Optional.empty() : Optional.of(value.textValue());
  }

  static Transition transition(JsonNode state) {
    return state.has("Next") ? Transition.to(state.get("Next").textValue()) : Transition.END;
  }

  /** A field given as a value, a JSONata expression, or read from the path of its {@code ...Path} twin. */
  static Optional<ValueSource> valueSource(JsonNode object, String field, String pathField) {
    var value = object.get(field);
    if (value != null) {
      return Optional.of(Jsonata.isExpression(value)
          ? new ValueSource.Jsonata(Jsonata.body(value.textValue()))
          : new ValueSource.Literal(value));
    }
    return text(object, pathField).map(ValueSource.Path::new);
  }
}
