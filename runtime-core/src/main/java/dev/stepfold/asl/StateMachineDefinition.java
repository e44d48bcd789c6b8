package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed and validated state machine definition. {@code document} is the ASL JSON it came from, kept so that an
 * execution's history can carry exactly the definition it ran.
 */
public record StateMachineDefinition(
    StateGraph graph, QueryLanguage queryLanguage, OptionalLong timeoutSeconds, Optional<String> comment, JsonNode document) {
  public StateMachineDefinition {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(queryLanguage, "queryLanguage");
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(document, "document");
  }
}
