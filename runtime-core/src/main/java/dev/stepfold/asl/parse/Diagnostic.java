package dev.stepfold.asl.parse;

import java.util.Objects;

/** One finding about a definition, as ValidateStateMachineDefinition reports it. */
public record Diagnostic(Severity severity, String code, String message, String location) {
  public enum Severity { ERROR, WARNING }

  public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
  public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";

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
