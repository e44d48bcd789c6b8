package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.FailState;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.history.ScopePath;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.Intrinsics;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.Jsonata;
import java.util.Optional;

/** Fail: ends the execution with its Error and Cause (given, or read by ErrorPath / CausePath from its input). */
final class FailBehavior {
  private FailBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, FailState state) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, false, Optional.empty());
    var error = state.error().map(source -> text(source, "Error", active.input(), env)).orElse("");
    var cause = state.cause().map(source -> text(source, "Cause", active.input(), env)).orElse("");
    return StateFlow.failScope(out, scope, new StatesError(error, cause), active.enteredEventId());
  }

  private static String text(ValueSource source, String field, JsonNode input, StateEnv env) {
    JsonNode value;
    if (source instanceof ValueSource.Literal literal) {
      value = literal.value();
    } else if (source instanceof ValueSource.Path path) {
      var roots = env.roots(input);
      value = Intrinsics.looksLikeCall(path.path())
          ? Intrinsics.evaluate(path.path(), roots)
          : JsonPaths.selectForField(path.path(), field + "Path", roots);
    } else {
      value = Jsonata.evaluate(((ValueSource.Jsonata) source).expression(), env.jsonata(input), field);
    }
    return value.isTextual() ? value.textValue() : Json.text(value);
  }
}
