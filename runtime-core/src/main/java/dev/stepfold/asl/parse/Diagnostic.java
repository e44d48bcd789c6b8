package dev.stepfold.asl.parse;

import java.util.Objects;

/** One finding about a definition, as ValidateStateMachineDefinition reports it. */
public record Diagnostic(Severity severity, String code, String message, String location) {
  public enum Severity { ERROR, WARNING }

  public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
  public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
  public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
  public static final String MISSING_END_STATE = "MISSING_END_STATE";

  /**
   * The location of a diagnostic that points nowhere ({@code MISSING_END_STATE}): CreateStateMachine prints it as
   * {@code at null}; ValidateStateMachineDefinition leaves {@code location} out.
   */
  public static final String NO_LOCATION = "null";

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  public static Diagnostic error(String message, String location) {
    return new Diagnostic(Severity.ERROR, SCHEMA_VALIDATION_FAILED, message, location);
  }
}
