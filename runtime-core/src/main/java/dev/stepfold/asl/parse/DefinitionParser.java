package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

  /**
   * Parses the JSON text of one state (TestState's {@code definition} without {@code stateName}) as the only state,
   * named {@code name}, of a state machine; its transitions may name states that are not there.
   */
  public static ParsedDefinition parseState(String stateText, String name, ExecutionType type) {
    var read = JsonText.read(stateText);
    if (read instanceof JsonText.Result.NotJson notJson) {
      return new ParsedDefinition.Invalid(List.of(notJson.diagnostic()));
    }
    var state = ((JsonText.Result.Json) read).document();
    var document = JsonNodeFactory.instance.objectNode();
    document.put("StartAt", name);
    document.putObject("States").set(name, state);
    var errors = DefinitionValidator.validate(document, type, false);
    if (!errors.isEmpty()) {
      return new ParsedDefinition.Invalid(errors);
    }
    return new ParsedDefinition.Valid(ModelBuilder.build(document), List.of());
  }
}
