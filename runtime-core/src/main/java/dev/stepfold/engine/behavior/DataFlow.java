package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.Catcher;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.Jsonata;
import dev.stepfold.paths.Variables;
import java.util.Map;
import java.util.Optional;

/**
 * A state's input and output processing in its query language. JSONPath: InputPath, Parameters, ResultSelector,
 * ResultPath, OutputPath, and Assign reading {@code $}. JSONata: Arguments and Output evaluated against
 * {@code $states.input} / {@code $states.result} / {@code $states.errorOutput}, and Assign beside them. Every Assign
 * reads the variables as they were before the state.
 */
final class DataFlow {
  private DataFlow() {}

  static boolean jsonata(AslState state) {
    return state.queryLanguage() == QueryLanguage.JSONATA;
  }

  /** What the state works on: its input after InputPath (JSONata: its input). */
  static JsonNode effectiveInput(AslState state, JsonNode input, StateEnv env) {
    return jsonata(state) ? input : JsonPathFlow.effectiveInput(state, input, env);
  }

  /** What a Task sends, a Parallel gives its branches: Parameters or Arguments, else the effective input. */
  static JsonNode payload(AslState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    if (jsonata(state)) {
      var arguments = state.io().arguments().map(template -> Jsonata.evaluateTemplate(template, env.jsonata(input), "Arguments"));
      arguments.ifPresent(evaluated -> env.inspect("afterArguments", evaluated));
      return arguments.orElse(input);
    }
    return JsonPathFlow.parameters(state, effectiveInput, env);
  }

  /** A Task's, Parallel's or Map's output from its result. */
  static Outcome afterResult(AslState state, JsonNode input, JsonNode result, StateEnv env) {
    if (jsonata(state)) {
      var scope = env.jsonata(input).withResult(result);
      var assigned = recorded(state.io().assign().map(assign -> Variables.assignJsonata(assign, scope)));
      var output = state.io().output().map(template -> Jsonata.evaluateTemplate(template, scope, "Output")).orElse(result);
      return new Outcome(output, assigned);
    }
    var selected = JsonPathFlow.selectResult(state, result, env);
    var assigned = assignJsonPath(state.io().assign(), selected, env);
    return new Outcome(JsonPathFlow.output(state.io(), input, selected, env), assigned);
  }

  /** The output of a state without a result of its own (Choice, Wait, Succeed), with the given Assign and Output. */
  static Outcome afterInput(
      AslState state, JsonNode input, JsonNode effectiveInput, Optional<JsonNode> assign, Optional<JsonNode> output, StateEnv env) {
    if (jsonata(state)) {
      var scope = env.jsonata(input);
      var assigned = recorded(assign.map(block -> Variables.assignJsonata(block, scope)));
      return new Outcome(output.map(template -> Jsonata.evaluateTemplate(template, scope, "Output")).orElse(input), assigned);
    }
    var assigned = assignJsonPath(assign, effectiveInput, env);
    return new Outcome(JsonPathFlow.outputPath(state.io(), effectiveInput, env), assigned);
  }

  static Outcome afterInput(AslState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    return afterInput(state, input, effectiveInput, state.io().assign(), state.io().output(), env);
  }

  /** A Catch's output: ResultPath places the error output (JSONata: the catcher's Output, else the error output). */
  static Outcome caught(AslState state, Catcher catcher, JsonNode input, JsonNode errorOutput, StateEnv env) {
    if (jsonata(state)) {
      var scope = env.jsonata(input).withErrorOutput(errorOutput);
      var assigned = recorded(catcher.assign().map(block -> Variables.assignJsonata(block, scope)));
      var output = catcher.output().map(template -> Jsonata.evaluateTemplate(template, scope, "Output")).orElse(errorOutput);
      return new Outcome(output, assigned);
    }
    var assigned = assignJsonPath(catcher.assign(), errorOutput, env);
    return new Outcome(JsonPathFlow.placeResult(catcher.resultPath(), input, errorOutput), assigned);
  }

  /** An empty Assign assigns nothing and is not recorded. */
  static Optional<Map<String, JsonNode>> recorded(Optional<Map<String, JsonNode>> assigned) {
    return assigned.filter(variables -> !variables.isEmpty());
  }

  static Optional<Map<String, JsonNode>> assignJsonPath(Optional<JsonNode> assign, JsonNode dollar, StateEnv env) {
    return recorded(assign.map(block -> Variables.assignJsonPath(block, env.roots(dollar))));
  }

  /**
   * A field given as a value, a path on {@code pathInput} or a JSONata expression; {@code field} names it in errors.
   */
  static JsonNode value(ValueSource source, JsonNode pathInput, JsonNode input, StateEnv env, String field) {
    if (source instanceof ValueSource.Literal literal) {
      return literal.value();
    } else if (source instanceof ValueSource.Path path) {
      return JsonPaths.select(path.path(), env.roots(pathInput));
    } else if (source instanceof ValueSource.Jsonata expression) {
      return Jsonata.evaluate(expression.expression(), env.jsonata(input), field);
    }
    throw new IllegalStateException("Expected a value, a path or an expression, but got " + source);
  }

  /** A positive whole number of seconds (TimeoutSeconds, HeartbeatSeconds). */
  static long positiveSeconds(ValueSource source, JsonNode pathInput, JsonNode input, StateEnv env, String field) {
    var value = value(source, pathInput, input, env, field);
    if (!value.isIntegralNumber() || value.longValue() <= 0) {
      throw StatesFailure.runtime("The value of the field '" + field + "' must be a positive integer, but was " + Json.text(value));
    }
    return value.longValue();
  }
}
