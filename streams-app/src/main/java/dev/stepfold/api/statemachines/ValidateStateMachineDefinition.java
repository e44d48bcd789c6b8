package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.Diagnostic;
import java.util.List;

/**
 * {@code ValidateStateMachineDefinition}: the diagnostics CreateStateMachine would refuse the definition with, from the
 * same validator, in AWS's shape (§2.5). A bad definition is a {@code FAIL} result, never an error: only a malformed
 * request is a {@code ValidationException} (an empty {@code definition} breaks the model's length of 1). {@code severity}
 * is the lowest severity reported (ERROR unless WARNING is asked for); {@code maxResults} (at most and by default 100)
 * caps the list, and {@code truncated} says whether it did. The result is {@code FAIL} when there is an error, reported
 * or not.
 */
final class ValidateStateMachineDefinition implements Operation {
  static final int MAX_DIAGNOSTICS = 100;
  private static final List<String> SEVERITIES = List.of("ERROR", "WARNING");

  @Override
  public String name() {
    return "ValidateStateMachineDefinition";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var definition = in.requiredSensitive("definition", 1, Members.DEFINITION_LENGTH);
    var type = ExecutionType.valueOf(in.optionalEnum("type", StateMachineJson.TYPES).orElse("STANDARD"));
    var lowest = Diagnostic.Severity.valueOf(in.optionalEnum("severity", SEVERITIES).orElse("ERROR"));
    int asked = in.optionalInt("maxResults", 0, MAX_DIAGNOSTICS).orElse(0);
    int maxResults = asked == 0 ? MAX_DIAGNOSTICS : asked;
    var diagnostics = DefinitionParser.diagnostics(definition, type);
    var reported = diagnostics.stream()
        .filter(diagnostic -> lowest == Diagnostic.Severity.WARNING || diagnostic.severity() == Diagnostic.Severity.ERROR)
        .toList();
    var failed = diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR);
    var json = Wire.object().put("result", failed ? "FAIL" : "OK");
    var items = json.putArray("diagnostics");
    reported.stream().limit(maxResults).forEach(diagnostic -> {
      var item = items.addObject()
          .put("severity", diagnostic.severity().name())
          .put("code", diagnostic.code())
          .put("message", diagnostic.message());
      if (!diagnostic.location().equals(Diagnostic.NO_LOCATION)) {
        item.put("location", diagnostic.location());
      }
    });
    return json.put("truncated", reported.size() > maxResults);
  }
}
