package dev.stepfold.paths;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSONata as Step Functions evaluates it, for states whose query language is JSONata. An expression sees
 * {@code $states} ({@link JsonataScope}), the workflow variables as {@code $name}, JSONata 2's functions without
 * {@code $eval}, and Step Functions' own ({@code $partition}, {@code $range}, {@code $hash}, {@code $random},
 * {@code $uuid}, {@code $parse}). Evaluation reads no clock and no entropy: {@code $now()} is the state's entered
 * time, and unseeded {@code $random()} and {@code $uuid()} are seeded from the context object and the field.
 *
 * <p>Failures throw {@link StatesFailure} with {@code States.QueryEvaluationError} and AWS's cause without the
 * "An error occurred while executing the state ..." prefix. {@code field} names where the expression sits, as AWS
 * does in causes: {@code Output}, {@code Output/result}, {@code Arguments/FunctionName}, {@code Assign/x},
 * {@code Items}, {@code Condition}, {@code TimeoutSeconds}.
 */
public final class Jsonata {
  private static final String OPEN = "{%";
  private static final String CLOSE = "%}";
  private static final String STATES = "states";
  /** Evaluation steps (AST nodes entered) one expression may take: a deterministic stand-in for a timeout. */
  private static final long MAX_STEPS = 10_000_000;
  /** Nesting of evaluation, which recursion in user functions grows; deeper would risk the Java stack. */
  private static final int MAX_DEPTH = 2_000;
  private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$([\\p{L}_][\\p{L}\\p{N}_]*)");
  private static final BoundedCache<String, Compiled> COMPILED = new BoundedCache<>(10_000);

  private Jsonata() {}

  /** Whether a JSON string value is written as a JSONata expression: {@code "{% ... %}"}. */
  public static boolean isExpression(String text) {
    return text.length() >= OPEN.length() + CLOSE.length() && text.startsWith(OPEN) && text.endsWith(CLOSE);
  }

  /** The expression inside {@code "{% ... %}"}, trimmed, or empty when the text is not written as one. */
  public static Optional<String> expressionOf(String text) {
    return isExpression(text)
        ? Optional.of(text.substring(OPEN.length(), text.length() - CLOSE.length()).strip())
        : Optional.empty();
  }

  /** The problem with an expression's syntax (written without {@code {% %}}), or empty when it parses. */
  public static Optional<String> validate(String expression) {
    return COMPILED.get(expression, Jsonata::compile).syntaxProblem();
  }

  /**
   * The first problem of a template (Arguments, Output, Assign, ...): a {@code "{% ... %}"} string anywhere in it
   * whose expression does not parse, as {@code The JSONata expression '<expression>' specified for the field
   * '<field path>' is invalid: <problem>}.
   */
  public static Optional<String> validateTemplate(JsonNode template, String field) {
    if (template.isTextual()) {
      return expressionOf(template.textValue()).flatMap(expression -> validate(expression).map(problem ->
          "The JSONata expression '" + expression + "' specified for the field '" + field + "' is invalid: "
              + problem));
    }
    if (template.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        Optional<String> problem = validateTemplate(member.getValue(), field + "/" + member.getKey());
        if (problem.isPresent()) {
          return problem;
        }
      }
    } else if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        Optional<String> problem = validateTemplate(template.get(i), field + "/" + i);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The JSON value of an expression (written without {@code {% %}}). Fails when the expression throws
   * ({@code ... threw an error during evaluation. T1006: Attempted to invoke a non-function}), returns undefined
   * ({@code ... returned nothing (undefined).}) or returns something JSON cannot hold, such as a function
   * ({@code ... returned an unsupported result type.}).
   */
  public static JsonNode evaluate(String expression, JsonataScope scope, String field) {
    return new Evaluation(scope).evaluate(expression, field);
  }

  /**
   * A template's value: each {@code "{% ... %}"} string, at any depth, replaced by its expression's value, everything
   * else as written. The field grows per member and item, so {@code "b"} in {@code {"a": {"b": "{% $x %}"}}}
   * evaluated for {@code Output} is {@code Output/a/b} in causes. All expressions see the same scope.
   */
  public static JsonNode evaluateTemplate(JsonNode template, JsonataScope scope, String field) {
    return new Evaluation(scope).template(template, field);
  }

  /**
   * An expression that must give an array (Map's {@code Items}); anything else fails with {@code ... returned an
   * unexpected result type. Expected 'array', but was 'number' for value: 1}.
   */
  public static JsonNode evaluateArray(String expression, JsonataScope scope, String field) {
    JsonNode value = evaluate(expression, scope, field);
    if (!value.isArray()) {
      throw unexpectedResultType(expression, field, "array", value);
    }
    return value;
  }

  /** AWS's failure for an expression whose value has the wrong JSON type for its field. */
  public static StatesFailure unexpectedResultType(String expression, String field, String expectedType,
      JsonNode value) {
    return failure(expression, field, "returned an unexpected result type. Expected '" + expectedType
        + "', but was '" + typeName(value) + "' for value: " + JsonValues.compact(value));
  }

  /** A value's JSON type as AWS names it in causes: null, boolean, number, string, array or object. */
  public static String typeName(JsonNode value) {
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static StatesFailure failure(String expression, String field, String problem) {
    return new StatesFailure(StatesError.QUERY_EVALUATION_ERROR,
        "The JSONata expression '" + expression + "' specified for the field '" + field + "' " + problem);
  }

  private static Compiled compile(String expression) {
    try {
      com.dashjoin.jsonata.Jsonata parsed = com.dashjoin.jsonata.Jsonata.jsonata(expression);
      parsed.setOutputConvertNulls(false);
      Set<String> names = VARIABLE_REFERENCE.matcher(expression).results()
          .map(match -> match.group(1))
          .collect(Collectors.toUnmodifiableSet());
      return new Valid(parsed, names);
    } catch (JException e) {
      return new Invalid(describe(e));
    }
  }

  private static String describe(JException e) {
    return e.getError() == null || e.getError().equals(e.getMessage())
        ? e.getMessage()
        : e.getError() + ": " + e.getMessage();
  }

  /** One evaluation of expressions against one scope; values handed to JSONata are converted once. */
  private static final class Evaluation {
    private final JsonataScope scope;
    private final Map<String, Object> converted = new HashMap<>();

    Evaluation(JsonataScope scope) {
      this.scope = scope;
    }

    JsonNode template(JsonNode template, String field) {
      if (template.isTextual()) {
        Optional<String> expression = expressionOf(template.textValue());
        return expression.isPresent() ? evaluate(expression.get(), field) : template;
      }
      if (template.isObject()) {
        ObjectNode result = JsonValues.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> member = it.next();
          result.set(member.getKey(), template(member.getValue(), field + "/" + member.getKey()));
        }
        return result;
      }
      if (template.isArray()) {
        ArrayNode result = JsonValues.NODES.arrayNode(template.size());
        for (int i = 0; i < template.size(); i++) {
          result.add(template(template.get(i), field + "/" + i));
        }
        return result;
      }
      return template;
    }

    JsonNode evaluate(String expression, String field) {
      Compiled compiled = COMPILED.get(expression, Jsonata::compile);
      if (!(compiled instanceof Valid valid)) {
        throw new IllegalArgumentException("Expected a valid JSONata expression, but got '" + expression + "': "
            + compiled.syntaxProblem().orElse(""));
      }
      Frame bindings = valid.parsed().createFrame();
      JsonataFunctions.bind(bindings, scope.context(), field);
      for (String name : valid.names()) {
        Object value = value(name);
        if (value != null) {
          bindings.bind(name, value);
        }
      }
      Budget budget = new Budget();
      bindings.setEvaluateEntryCallback((expr, input, environment) -> budget.enter());
      bindings.setEvaluateExitCallback((expr, input, environment, result) -> budget.exit());
      Object result;
      try {
        result = valid.parsed().evaluate(null, bindings);
      } catch (JException e) {
        throw failure(expression, field, "threw an error during evaluation. " + describe(e));
      } catch (JsonataFunctions.FunctionError | LimitExceeded e) {
        throw failure(expression, field, "threw an error during evaluation. " + e.getMessage());
      } catch (StackOverflowError e) {
        throw failure(expression, field, "threw an error during evaluation. " + LimitExceeded.STACK);
      } catch (RuntimeException e) {
        throw failure(expression, field, "threw an error during evaluation. "
            + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
      }
      JsonNode value;
      try {
        value = JsonataValues.toNode(result);
      } catch (JsonataValues.UnsupportedResult e) {
        throw failure(expression, field, "returned an unsupported result type.");
      }
      if (value == null) {
        throw failure(expression, field, "returned nothing (undefined).");
      }
      return value;
    }

    /** What {@code $name} is bound to, or null when nothing is (JSONata's undefined). */
    private Object value(String name) {
      if (converted.containsKey(name)) {
        return converted.get(name);
      }
      Object value;
      if (name.equals(STATES)) {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("input", JsonataValues.toJsonata(scope.input()));
        scope.result().ifPresent(result -> states.put("result", JsonataValues.toJsonata(result)));
        scope.errorOutput().ifPresent(error -> states.put("errorOutput", JsonataValues.toJsonata(error)));
        states.put("context", JsonataValues.toJsonata(scope.context()));
        value = states;
      } else {
        JsonNode variable = scope.variables().get(name);
        value = variable == null ? null : JsonataValues.toJsonata(variable);
      }
      converted.put(name, value);
      return value;
    }
  }

  /** Counts evaluation steps and nesting of one evaluation. */
  private static final class Budget {
    private long steps;
    private int depth;

    void enter() {
      if (++steps > MAX_STEPS) {
        throw new LimitExceeded(LimitExceeded.STEPS);
      }
      if (++depth > MAX_DEPTH) {
        throw new LimitExceeded(LimitExceeded.STACK);
      }
    }

    void exit() {
      depth--;
    }
  }

  private static final class LimitExceeded extends RuntimeException {
    static final String STEPS = "U1001: Expression evaluation exceeded " + MAX_STEPS + " steps: "
        + "Check for infinite loop";
    static final String STACK = "U1001: Stack overflow error: Check for non-terminating recursive function. "
        + "Consider rewriting as tail-recursive.";

    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }

  private sealed interface Compiled permits Valid, Invalid {
    default Optional<String> syntaxProblem() {
      return this instanceof Invalid invalid ? Optional.of(invalid.problem()) : Optional.empty();
    }
  }

  /** {@code names}: the {@code $name}s the expression may read, a superset (names in strings count too). */
  private record Valid(com.dashjoin.jsonata.Jsonata parsed, Set<String> names) implements Compiled {}

  private record Invalid(String problem) implements Compiled {}
}
