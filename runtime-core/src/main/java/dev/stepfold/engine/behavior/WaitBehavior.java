package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Timers;
import dev.stepfold.history.ScopePath;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.Jsonata;
import dev.stepfold.paths.PathRoots;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Wait: a timer until Seconds from now or until Timestamp; a time already past leaves at once. */
public final class WaitBehavior {
  /** AWS refuses a wait longer than the largest 32-bit number of seconds (about 68 years). */
  private static final long MAX_DELAY_SECONDS = Integer.MAX_VALUE;

  private WaitBehavior() {}

  static Step enter(DecisionBuilder out, ScopePath scope, WaitState state) {
    var active = out.active(scope);
    var env = env(out, scope);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var roots = env.roots(effectiveInput);
    var due = state.seconds().map(seconds -> out.now().plusSeconds(seconds(seconds, roots, active.input(), env)))
        .orElseGet(() -> timestamp(state.timestamp().orElseThrow(), roots, active.input(), env));
    if (Duration.between(out.now(), due).getSeconds() > MAX_DELAY_SECONDS) {
      throw StatesFailure.runtime("Wait state delay is too long.");
    }
    if (!due.isAfter(out.now())) {
      return exit(out, scope, state);
    }
    out.setTimer(Timers.waitElapsed(active.enteredEventId()), due);
    return Step.HALT;
  }

  /** The timer fired: leave with the output the state had when it was entered, and go on. */
  public static void elapsedAndContinue(DecisionBuilder out, ScopePath scope, WaitState state) {
    StateFlow.continueWith(out, StateFlow.guarded(out, scope, state, () -> exit(out, scope, state)));
  }

  private static Step exit(DecisionBuilder out, ScopePath scope, WaitState state) {
    var env = env(out, scope);
    var input = out.active(scope).input();
    var effectiveInput = DataFlow.effectiveInput(state, input, env);
    return StateFlow.exit(out, scope, state, DataFlow.afterInput(state, input, effectiveInput, env), state.transition());
  }

  private static StateEnv env(DecisionBuilder out, ScopePath scope) {
    var active = out.active(scope);
    return StateEnv.of(out, scope, active, false, Optional.empty());
  }

  private static long seconds(ValueSource source, PathRoots roots, JsonNode input, StateEnv env) {
    if (source instanceof ValueSource.Literal literal) {
      return literal.value().asLong();
    }
    if (source instanceof ValueSource.Jsonata expression) {
      var value = Jsonata.evaluate(expression.expression(), env.jsonata(input), "Seconds");
      if (!value.isIntegralNumber() || value.longValue() < 0) {
        throw Jsonata.unexpectedResultType(expression.expression(), "Seconds", "integer", value);
      }
      return value.longValue();
    }
    var path = (ValueSource.Path) source;
    var value = JsonPaths.find(path.path(), roots)
        .orElseThrow(() -> StatesFailure.runtime("The SecondsPath parameter does not reference an input value: " + path.path()));
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw StatesFailure.runtime("The SecondsPath parameter cannot be parsed as a long value: " + path.path() + " == " + Json.shown(value));
    }
    if (value.longValue() < 0) {
      throw StatesFailure.runtime("The SecondsPath parameter references a negative value: " + path.path() + " == " + Json.shown(value));
    }
    return value.longValue();
  }

  private static Instant timestamp(ValueSource source, PathRoots roots, JsonNode input, StateEnv env) {
    if (source instanceof ValueSource.Literal literal) {
      return timestampField(literal.value());
    }
    if (source instanceof ValueSource.Jsonata expression) {
      return timestampField(Jsonata.evaluate(expression.expression(), env.jsonata(input), "Timestamp"));
    }
    var path = (ValueSource.Path) source;
    var invalid = "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " + path.path();
    var value = JsonPaths.find(path.path(), roots).orElseThrow(() -> StatesFailure.runtime(invalid));
    return Optional.of(value).filter(JsonNode::isTextual).flatMap(text -> parseTimestamp(text.textValue()))
        .orElseThrow(() -> StatesFailure.runtime(invalid + " == " + Json.shown(value)));
  }

  private static Instant timestampField(JsonNode value) {
    return Optional.of(value).filter(JsonNode::isTextual).flatMap(text -> parseTimestamp(text.textValue())).orElseThrow(() -> StatesFailure.runtime(
        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + Json.shown(value)).at("Timestamp"));
  }

  static Optional<Instant> parseTimestamp(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException notATimestamp) {
      return Optional.empty();
    }
  }
}
