package dev.stepfold.asl.parse;

import dev.stepfold.asl.ExecutionType;

/** Parses ASL JSON text into the model and validates it as CreateStateMachine does for the given type. */
public final class DefinitionParser {
  private DefinitionParser() {}

  public static ParsedDefinition parse(String definitionText, ExecutionType type) {
    throw new UnsupportedOperationException("not built yet");
  }
}
