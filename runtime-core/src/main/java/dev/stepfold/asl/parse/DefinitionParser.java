package dev.stepfold.asl.parse;

import dev.stepfold.asl.ExecutionType;
import java.util.List;

/** Parses ASL JSON text into the model and validates it as CreateStateMachine does for the given type. */
public final class DefinitionParser {
  private DefinitionParser() {}

  public static ParsedDefinition parse(String definitionText, ExecutionType type) {
    var read = JsonText.read(definitionText);
    if (read instanceof JsonText.Result.NotJson notJson) {
      return new ParsedDefinition.Invalid(List.of(notJson.diagnostic()));
    }
    var document = ((JsonText.Result.Json) read).document();
    var errors = DefinitionValidator.validate(document, type);
    if (!errors.isEmpty()) {
      return new ParsedDefinition.Invalid(errors);
    }
    return new ParsedDefinition.Valid(ModelBuilder.build(document), List.of());
  }

  /**
   * What ValidateStateMachineDefinition reports of a definition: its errors, in the order AWS reports them, or the
   * warnings of a valid one.
   */
  public static List<Diagnostic> diagnostics(String definitionText, ExecutionType type) {
    var parsed = parse(definitionText, type);
    return parsed instanceof ParsedDefinition.Invalid invalid ? invalid.errors() : ((ParsedDefinition.Valid) parsed).warnings();
  }
}
