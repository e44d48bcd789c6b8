package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PayloadTemplates;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Checks on the fields of one JSON object of a definition, reported at that object's location. */
final class Fields {
  static final long MAX_SECONDS = 99_999_999;

  private final JsonNode node;
  private final Location location;
  private final Problems problems;

  Fields(JsonNode node, Location location, Problems problems) {
    this.node = node;
    this.location = location;
    this.problems = problems;
  }

  Fields child(String field) {
    return new Fields(node.get(field), at(field), problems);
  }

  JsonNode node() {
    return node;
  }

  Location location() {
    return location;
  }

  Problems problems() {
    return problems;
  }

  boolean has(String field) {
    return node.has(field);
  }

  JsonNode get(String field) {
    return node.get(field);
  }

  Location at(String field) {
    return location.field(field);
  }

  void error(String message) {
    problems.error(message, location);
  }

  void error(String message, String field) {
    problems.error(message, at(field));
  }

  /** Reports the missing ones together, in the order given; true when none is missing. */
  boolean required(String... fields) {
    var missing = new ArrayList<String>();
    for (var field : fields) {
      if (!node.has(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      error(Messages.required(missing));
    }
    return missing.isEmpty();
  }

  /** Reports every field the predicate rejects, in document order; true when there is none. */
  boolean onlySupported(Predicate<String> supported) {
    var before = problems.count();
    node.fieldNames().forEachRemaining(field -> {
      if (!supported.test(field)) {
        error(Messages.notSupported(field));
      }
    });
    return problems.count() == before;
  }

  /** At most one of the fields: reported at the first. True when at most one is present. */
  boolean atMostOne(String... fields) {
    var present = present(fields);
    if (present.size() > 1) {
      error(Messages.onlyOneOf(List.of(fields)), present.get(0));
      return false;
    }
    return true;
  }

  /** Exactly one of the fields: none is reported at this object, several at the first. */
  boolean exactlyOne(String... fields) {
    var present = present(fields);
    if (present.isEmpty()) {
      error(Messages.exactlyOneOf(List.of(fields)));
      return false;
    }
    return atMostOne(fields);
  }

  List<String> present(String... fields) {
    var present = new ArrayList<String>();
    for (var field : fields) {
      if (node.has(field)) {
        present.add(field);
      }
    }
    return present;
  }

  boolean string(String field) {
    return ofType(field, JsonNode::isTextual, "STRING");
  }

  boolean object(String field) {
    return ofType(field, JsonNode::isObject, "OBJECT");
  }

  boolean array(String field) {
    return ofType(field, JsonNode::isArray, "ARRAY");
  }

  boolean bool(String field) {
    return ofType(field, JsonNode::isBoolean, "BOOLEAN");
  }

  /** Absent, or of the type; a wrong type is reported. */
  boolean ofType(String field, Predicate<JsonNode> isType, String typeName) {
    var value = node.get(field);
    if (value == null || isType.test(value)) {
      return true;
    }
    error(Messages.expectedType(typeName), field);
    return false;
  }

  /** A non-empty array, when present. */
  boolean nonEmptyArray(String field) {
    if (!array(field)) {
      return false;
    }
    if (node.has(field) && node.get(field).isEmpty()) {
      error(Messages.EMPTY, field);
      return false;
    }
    return true;
  }

  /** An integer in [min, max] or, where allowed, a JSONata expression. */
  void integer(String field, long min, long max, boolean jsonataAllowed) {
    var value = node.get(field);
    if (value == null || jsonataAllowed && jsonata(field)) {
      return;
    }
    if (!value.isIntegralNumber()) {
      error(Messages.expectedType("INTEGER"), field);
    } else if (value.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0) {
      error(Messages.minimum(Long.toString(min)), field);
    } else if (value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
      error(Messages.maximum(Long.toString(max)), field);
    }
  }

  /** A number in [min, max] or, where allowed, a JSONata expression. */
  void number(String field, double min, double max, boolean jsonataAllowed) {
    var value = node.get(field);
    if (value == null || jsonataAllowed && jsonata(field)) {
      return;
    }
    if (!value.isNumber()) {
      error(Messages.expectedType("NUMBER"), field);
    } else if (value.doubleValue() < min) {
      error(Messages.minimum(plain(min)), field);
    } else if (value.doubleValue() > max) {
      error(Messages.maximum(plain(max)), field);
    }
  }

  /** Whether the value is a JSONata expression; one opened but not closed is reported. */
  boolean jsonata(String field) {
    var value = node.get(field);
    if (Jsonata.isMalformed(value)) {
      error(Messages.JSONATA_DELIMITERS, field);
      return true;
    }
    return Jsonata.isExpression(value);
  }

  /** A JSONPath (InputPath, OutputPath); null is allowed. */
  void path(String field) {
    var value = node.get(field);
    if (value == null || value.isNull() || !string(field)) {
      return;
    }
    if (!JsonPaths.isValidPath(value.textValue())) {
      error(Messages.NOT_A_JSONPATH, field);
    }
  }

  /** A reference path (ResultPath, ItemsPath, the ...Path fields); null only where {@code nullable}. */
  void referencePath(String field, boolean nullable) {
    var value = node.get(field);
    if (value == null || nullable && value.isNull() || !string(field)) {
      return;
    }
    var path = value.textValue();
    if (!path.startsWith("$")) {
      error(Messages.NOT_A_REFERENCE_PATH_NO_DOLLAR, field);
    } else if (!JsonPaths.isValidReferencePath(path)) {
      error(Messages.NOT_A_REFERENCE_PATH, field);
    }
  }

  /** A ResultPath: a reference path into the state's input, which the context object ({@code $$}) is not. */
  void resultPath(String field) {
    referencePath(field, true);
    var value = node.get(field);
    if (value != null && value.isTextual() && value.textValue().startsWith("$$")) {
      error(Messages.NOT_A_REFERENCE_PATH, field);
    }
  }

  /** A payload template: an object whose {@code ".$"} keys hold paths or intrinsic function calls. */
  void template(String field) {
    if (!node.has(field) || !object(field)) {
      return;
    }
    PayloadTemplates.validate(node.get(field)).ifPresent(message -> error(message, field));
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
