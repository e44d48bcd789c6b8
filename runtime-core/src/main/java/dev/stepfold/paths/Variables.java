package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workflow variables: evaluating a state's (or a Catch's, or a Choice rule's) {@code Assign}, the names it may
 * use and the size limits. All values of one Assign are evaluated against the variables visible <em>before</em> the
 * state, so one assignment never sees another of the same block; the result keeps the block's order.
 *
 * <p>Scoping is the engine's: a state sees the variables of its own scope and of every enclosing scope (a Parallel
 * branch or Map iteration sees the outer ones), an Assign inside a branch or iteration sets variables of that scope
 * only, and they disappear when the branch or iteration ends (nothing is assigned outward).
 */
public final class Variables {
  /** The largest value one variable may hold, as JSON text in UTF-8. */
  public static final int MAX_VARIABLE_BYTES = 256 * 1024;
  /** The largest combined size of the values one Assign sets. */
  public static final int MAX_ASSIGN_BYTES = 256 * 1024;
  /** The largest combined size of the variables stored for an execution. */
  public static final int MAX_TOTAL_BYTES = 10 * 1024 * 1024;
  /** {@code $states} is bound by Step Functions in JSONata expressions. */
  public static final Set<String> RESERVED_NAMES = Set.of("states");

  private static final String DYNAMIC_SUFFIX = ".$";

  private Variables() {}

  /**
   * A JSONPath state's Assign: a payload template whose {@code "<name>.$"} values are paths or intrinsic function
   * calls. In them {@code $} is {@code roots.input()}, which the engine sets to what AWS reads there — the state's
   * result for Pass (Result, or the Parameters' value, or the effective input), Task, Map and Parallel (after
   * ResultSelector), the input for Choice and Wait, the error output for a Catch — {@code $$} is the context object
   * and {@code $name} reads the variables visible before the state. Strings without {@code .$}, including
   * {@code "{% ... %}"}, are literals.
   */
  public static Map<String, JsonNode> assignJsonPath(JsonNode assign, PathRoots roots) {
    JsonNode evaluated = PayloadTemplates.evaluate(assign, roots);
    return checked(toMap(evaluated));
  }

  /**
   * A JSONata state's Assign: each value a template evaluated with {@link Jsonata#evaluateTemplate} for the field
   * {@code Assign/<name>}, against {@code scope} ({@code $states.result} or {@code $states.errorOutput} as the state
   * has them, and the variables visible before the state).
   */
  public static Map<String, JsonNode> assignJsonata(JsonNode assign, JsonataScope scope) {
    requireObject(assign);
    Map<String, JsonNode> assigned = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      assigned.put(member.getKey(), Jsonata.evaluateTemplate(member.getValue(), scope, "Assign/" + member.getKey()));
    }
    return checked(assigned);
  }

  /**
   * The variables after a state: {@code visible} with {@code assigned} set (a new map; an assigned name replaces the
   * old value). Fails with {@code States.DataLimitExceeded} when they add up to more than {@link #MAX_TOTAL_BYTES}.
   */
  public static Map<String, JsonNode> withAssigned(Map<String, JsonNode> visible, Map<String, JsonNode> assigned) {
    Map<String, JsonNode> after = new LinkedHashMap<>(visible);
    after.putAll(assigned);
    long total = 0;
    for (JsonNode value : after.values()) {
      total += bytes(value);
    }
    if (total > MAX_TOTAL_BYTES) {
      throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, "The variables of the execution have a combined size "
          + "of " + total + " bytes, which exceeds the maximum of " + MAX_TOTAL_BYTES + " bytes");
    }
    return Collections.unmodifiableMap(after);
  }

  /** How AWS renders assigned values in {@code assignedVariables} of a StateExited event: each value as JSON text. */
  public static Map<String, String> rendered(Map<String, JsonNode> assigned) {
    Map<String, String> rendered = new LinkedHashMap<>();
    assigned.forEach((name, value) -> rendered.put(name, JsonValues.compact(value)));
    return rendered;
  }

  /** The size a value counts for in the limits: its compact JSON text in UTF-8. */
  public static long bytes(JsonNode value) {
    return JsonValues.compact(value).getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The first problem of an Assign block, for the validator: not an object, a name that is not a variable name
   * ({@link #validateName}), a name assigned twice, or a value that does not parse ({@code .$} paths and intrinsic
   * calls in JSONPath, {@code "{% ... %}"} expressions in JSONata).
   */
  public static Optional<String> validateAssign(JsonNode assign, boolean jsonata) {
    if (!assign.isObject()) {
      return Optional.of("The value of the field 'Assign' must be an object");
    }
    Set<String> names = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String key = member.getKey();
      String name = !jsonata && key.endsWith(DYNAMIC_SUFFIX)
          ? key.substring(0, key.length() - DYNAMIC_SUFFIX.length())
          : key;
      Optional<String> problem = validateName(name);
      if (problem.isEmpty() && !names.add(name)) {
        problem = Optional.of("The variable '" + name + "' is assigned more than once in the same Assign");
      }
      if (problem.isEmpty()) {
        problem = jsonata
            ? Jsonata.validateTemplate(member.getValue(), "Assign/" + key)
            : PayloadTemplates.validate(JsonValues.NODES.objectNode().set(key, member.getValue()));
      }
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /**
   * The problem with a variable name, or empty: a name starts with a letter or {@code _} and goes on with letters,
   * digits and {@code _} (as {@code $name} references are read), and is not reserved ({@code states}).
   */
  public static Optional<String> validateName(String name) {
    boolean wellFormed = !name.isEmpty() && (Character.isLetter(name.codePointAt(0)) || name.charAt(0) == '_')
        && name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    if (!wellFormed) {
      return Optional.of("The variable name '" + name + "' is invalid: it must start with a letter or '_' and "
          + "contain only letters, digits and '_'");
    }
    if (RESERVED_NAMES.contains(name)) {
      return Optional.of("The variable name '" + name + "' is reserved");
    }
    return Optional.empty();
  }

  private static Map<String, JsonNode> toMap(JsonNode object) {
    requireObject(object);
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      map.put(member.getKey(), member.getValue());
    }
    return map;
  }

  /** The assigned values if they are within the size limits; States.DataLimitExceeded otherwise. */
  private static Map<String, JsonNode> checked(Map<String, JsonNode> assigned) {
    long total = 0;
    for (Map.Entry<String, JsonNode> entry : assigned.entrySet()) {
      long size = bytes(entry.getValue());
      if (size > MAX_VARIABLE_BYTES) {
        throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, "The value assigned to the variable '"
            + entry.getKey() + "' has a size of " + size + " bytes, which exceeds the maximum of "
            + MAX_VARIABLE_BYTES + " bytes");
      }
      total += size;
    }
    if (total > MAX_ASSIGN_BYTES) {
      throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, "The values assigned by one Assign have a combined "
          + "size of " + total + " bytes, which exceeds the maximum of " + MAX_ASSIGN_BYTES + " bytes");
    }
    return Collections.unmodifiableMap(assigned);
  }

  private static void requireObject(JsonNode assign) {
    if (!assign.isObject()) {
      throw new IllegalArgumentException("Expected Assign to be an object, but got " + JsonValues.compact(assign));
    }
  }
}
