package dev.stepfold.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;

/** Test helpers: parse a definition and take the model or the first diagnostic. */
final class Definitions {
  private Definitions() {}

  static StateMachineDefinition valid(String json) {
    return valid(json, ExecutionType.STANDARD);
  }

  static StateMachineDefinition valid(String json, ExecutionType type) {
    var parsed = DefinitionParser.parse(json, type);
    assertThat(parsed).as("%s", parsed).isInstanceOf(ParsedDefinition.Valid.class);
    return ((ParsedDefinition.Valid) parsed).definition();
  }

  static ParsedDefinition.Invalid invalid(String json) {
    return invalid(json, ExecutionType.STANDARD);
  }

  static ParsedDefinition.Invalid invalid(String json, ExecutionType type) {
    var parsed = DefinitionParser.parse(json, type);
    assertThat(parsed).isInstanceOf(ParsedDefinition.Invalid.class);
    return (ParsedDefinition.Invalid) parsed;
  }

  /** The first diagnostic, as {@code "<code>: <message> at <location>"}. */
  static String firstError(String json) {
    return firstError(json, ExecutionType.STANDARD);
  }

  static String firstError(String json, ExecutionType type) {
    var first = invalid(json, type).errors().get(0);
    return first.code() + ": " + first.message() + " at " + first.location();
  }

  /** A definition whose only state is the given one, named {@code S}. */
  static String single(String state) {
    return "{\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";
  }

  /** The same, with the top-level QueryLanguage set to JSONata. */
  static String singleJsonata(String state) {
    return "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";
  }
}
