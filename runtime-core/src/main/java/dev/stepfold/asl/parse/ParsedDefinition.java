package dev.stepfold.asl.parse;

import dev.stepfold.asl.StateMachineDefinition;
import java.util.List;
import java.util.Objects;

/** The outcome of parsing and validating a definition. */
public sealed interface ParsedDefinition {
  record Valid(StateMachineDefinition definition, List<Diagnostic> warnings) implements ParsedDefinition {
    public Valid {
      Objects.requireNonNull(definition, "definition");
      warnings = List.copyOf(warnings);
    }
  }

  record Invalid(List<Diagnostic> errors) implements ParsedDefinition {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("Expected at least one error");
      }
    }

    /**
     * CreateStateMachine's {@code InvalidDefinition} message for the first error:
     * {@code Invalid State Machine Definition: '<code>: <message> at <location>'}.
     */
    public String message() {
      var first = errors.get(0);
      return "Invalid State Machine Definition: '" + first.code() + ": " + first.message() + " at " + first.location() + "'";
    }
  }
}
