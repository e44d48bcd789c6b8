package dev.stepfold.paths;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson nodes ⇄ the value model of the JSONata library: objects are {@code Map}s, arrays {@code List}s, numbers
 * {@code Integer}, {@code Long} or {@code Double}, JSON null is {@link Jsonata#NULL_VALUE} and Java {@code null} is
 * JSONata's "undefined". Integral numbers stay integral both ways ({@code $sum([1, 2])} is {@code 3}, not {@code 3.0}).
 */
final class JsonataValues {
  private JsonataValues() {}

  static Object toJsonata(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        object.put(field.getKey(), toJsonata(field.getValue()));
      }
      return object;
    }
    if (node.isArray()) {
      List<Object> array = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        array.add(toJsonata(item));
      }
      return array;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return number(node);
    }
    if (node.isNull() || node.isMissingNode()) {
      return Jsonata.NULL_VALUE;
    }
    return node.asText();
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long value = node.longValue();
      return value == (int) value ? (Object) (int) value : (Object) value;
    }
    if (node.isBigDecimal()) {
      BigDecimal decimal = node.decimalValue();
      if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
        try {
          long value = decimal.longValueExact();
          return value == (int) value ? (Object) (int) value : (Object) value;
        } catch (ArithmeticException e) {
          return decimal.doubleValue();
        }
      }
    }
    return node.doubleValue();
  }

  /**
   * The JSON value of a JSONata result, or null when the result is undefined. Undefined members of objects and items
   * of arrays are left out, as JSONata does when it writes JSON.
   *
   * @throws UnsupportedResult when the value is or holds something JSON cannot hold (a function, a regex, NaN)
   */
  static JsonNode toNode(Object value) {
    if (value == null) {
      return null;
    }
    if (value == Jsonata.NULL_VALUE) {
      return JsonValues.NODES.nullNode();
    }
    if (value instanceof String text) {
      return JsonValues.NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return JsonValues.NODES.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return numberNode(number);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = JsonValues.NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        JsonNode member = toNode(entry.getValue());
        if (member != null) {
          object.set(String.valueOf(entry.getKey()), member);
        }
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = JsonValues.NODES.arrayNode(list.size());
      for (Object item : list) {
        JsonNode node = toNode(item);
        if (node != null) {
          array.add(node);
        }
      }
      return array;
    }
    throw new UnsupportedResult();
  }

  private static JsonNode numberNode(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      long value = number.longValue();
      return value == (int) value ? JsonValues.NODES.numberNode((int) value) : JsonValues.NODES.numberNode(value);
    }
    if (number instanceof BigInteger big) {
      return JsonValues.NODES.numberNode(big);
    }
    if (number instanceof BigDecimal decimal) {
      return JsonValues.NODES.numberNode(decimal);
    }
    double value = number.doubleValue();
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new UnsupportedResult();
    }
    // 2^63 is the first double above Long.MAX_VALUE; integral doubles below it are written without a fraction.
    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      long integral = (long) value;
      return integral == (int) integral ? JsonValues.NODES.numberNode((int) integral)
          : JsonValues.NODES.numberNode(integral);
    }
    return JsonValues.NODES.numberNode(value);
  }

  /** A result JSON cannot hold. */
  static final class UnsupportedResult extends RuntimeException {
    UnsupportedResult() {
      super(null, null, false, false);
    }
  }
}
