package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import java.util.List;
import java.util.Set;

/**
 * Validates a definition as CreateStateMachine does: the shape of every field first, then, when the shape is sound,
 * the transitions between states. Diagnostics come in the order AWS reports them.
 */
final class DefinitionValidator {
  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");

  private DefinitionValidator() {}

  static List<Diagnostic> validate(JsonNode document, ExecutionType type) {
    return validate(document, type, true);
  }

  /** {@code transitions}: whether every Next, Default and catcher must name a state of the definition. */
  static List<Diagnostic> validate(JsonNode document, ExecutionType type, boolean transitions) {
    var problems = new Problems();
    if (!document.isObject()) {
      // blank text (which reads as no document), or JSON that is not an object: AWS points nowhere
      problems.error(Diagnostic.SCHEMA_VALIDATION_FAILED, Messages.NOT_AN_OBJECT, Diagnostic.NO_LOCATION);
      return problems.all();
    }
    var top = new Fields(document, Location.ROOT, problems);
    if (!top.required("States", "StartAt")) {
      return problems.all();
    }
    top.onlySupported(TOP_LEVEL_FIELDS::contains);
    top.string("StartAt");
    top.string("Comment");
    if (top.string("Version") && top.has("Version") && !top.get("Version").textValue().equals("1.0")) {
      top.error(Messages.oneOf(List.of("1.0")), "Version");
    }
    top.integer("TimeoutSeconds", 1, Fields.MAX_SECONDS, false);
    QueryLanguages.checkValue(top);
    var language = QueryLanguages.resolve(document.get("QueryLanguage"), QueryLanguage.JSONPATH);
    if (top.object("States")) {
      StateValidator.validateStates(top, new ValidationContext(language, type, problems));
    }
    if (!problems.any() && transitions) {
      TransitionValidator.validate(document, problems);
    }
    return problems.all();
  }
}
