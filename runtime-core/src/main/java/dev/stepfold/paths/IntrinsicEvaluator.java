package dev.stepfold.paths;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.paths.IntrinsicExpression.Call;
import dev.stepfold.paths.IntrinsicExpression.Literal;
import dev.stepfold.paths.IntrinsicExpression.PathArgument;
import dev.stepfold.paths.IntrinsicExpression.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.random.RandomGenerator;

/** Evaluates one parsed call with AWS's argument checks; every failure is {@code Invalid arguments in States.<Name>}. */
final class IntrinsicEvaluator {
  private static final int MAX_RANGE_ITEMS = 1000;
  private static final int MAX_ENCODING_INPUT = 10_000;
  private static final int MAX_HASH_INPUT = 10_000;
  private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
  private static final ObjectReader STRICT_READER =
      JsonValues.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final PathRoots roots;
  private final String fieldName;
  private final IntrinsicRandomness randomness;

  /** {@code fieldName} is the template key ({@code "x.$"}) naming the field in path misses, or empty. */
  IntrinsicEvaluator(PathRoots roots, String fieldName, String location) {
    this.roots = roots;
    this.fieldName = fieldName;
    this.randomness = new IntrinsicRandomness(roots.contextObject(), location);
  }

  JsonNode evaluate(IntrinsicExpression expression) {
    if (expression instanceof Call call) {
      return call(call);
    }
    if (expression instanceof Literal literal) {
      return literal.value();
    }
    if (expression instanceof Text text) {
      return JsonValues.NODES.textNode(text.value());
    }
    String path = ((PathArgument) expression).path();
    return fieldName.isEmpty() ? JsonPaths.select(path, roots) : JsonPaths.selectForField(path, fieldName, roots);
  }

  private JsonNode call(Call call) {
    List<JsonNode> args = new ArrayList<>(call.arguments().size());
    for (IntrinsicExpression argument : call.arguments()) {
      args.add(evaluate(argument));
    }
    Arguments in = new Arguments(call.function(), args);
    return switch (call.function()) {
      case FORMAT -> format(call, in);
      case STRING_TO_JSON -> stringToJson(in);
      case JSON_TO_STRING -> JsonValues.NODES.textNode(JsonValues.compact(in.exactly(1).get(0)));
      case ARRAY -> JsonValues.NODES.arrayNode().addAll(args);
      case ARRAY_PARTITION -> arrayPartition(in);
      case ARRAY_CONTAINS -> arrayContains(in);
      case ARRAY_RANGE -> arrayRange(in);
      case ARRAY_GET_ITEM -> arrayGetItem(in);
      case ARRAY_LENGTH -> JsonValues.NODES.numberNode(in.exactly(1).array(0).size());
      case ARRAY_UNIQUE -> arrayUnique(in);
      case BASE64_ENCODE -> base64Encode(in);
      case BASE64_DECODE -> base64Decode(in);
      case HASH -> hash(in);
      case JSON_MERGE -> jsonMerge(in);
      case MATH_RANDOM -> mathRandom(in);
      case MATH_ADD -> mathAdd(in);
      case STRING_SPLIT -> stringSplit(in);
      case UUID -> uuid(in);
    };
  }

  private static JsonNode format(Call call, Arguments in) {
    if (in.size() < 1) {
      throw in.invalid();
    }
    List<String> parts = call.arguments().get(0) instanceof Text literal
        ? literal.formatParts()
        : Arrays.asList(in.text(0).split("\\{}", -1));
    if (parts.size() - 1 != in.size() - 1) {
      throw in.invalid();
    }
    StringBuilder formatted = new StringBuilder(parts.get(0));
    for (int i = 1; i < parts.size(); i++) {
      appendFormatted(formatted, in.get(i));
      formatted.append(parts.get(i));
    }
    return JsonValues.NODES.textNode(formatted.toString());
  }

  /** Strings as they are, objects and arrays as Java prints maps and lists: {@code {a=1, b=[x, y]}}. */
  private static void appendFormatted(StringBuilder out, JsonNode value) {
    if (value.isTextual()) {
      out.append(value.textValue());
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        appendFormatted(out, value.get(i));
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); first = false) {
        Map.Entry<String, JsonNode> field = it.next();
        out.append(first ? "" : ", ").append(field.getKey()).append('=');
        appendFormatted(out, field.getValue());
      }
      out.append('}');
    } else {
      out.append(value.asText());
    }
  }

  private static JsonNode stringToJson(Arguments in) {
    String text = in.exactly(1).text(0);
    if (text.isBlank()) {
      return JsonValues.NODES.nullNode();
    }
    try {
      return STRICT_READER.readTree(text);
    } catch (IOException e) {
      throw in.invalid();
    }
  }

  private static JsonNode arrayPartition(Arguments in) {
    ArrayNode array = in.exactly(2).array(0);
    long size = in.integer(1);
    if (size <= 0) {
      throw in.invalid();
    }
    ArrayNode chunks = JsonValues.NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      chunk.add(array.get(i));
    }
    return chunks;
  }

  private static JsonNode arrayContains(Arguments in) {
    ArrayNode array = in.exactly(2).array(0);
    JsonNode wanted = in.get(1);
    for (JsonNode item : array) {
      if (JsonValues.sameValue(item, wanted)) {
        return JsonValues.NODES.booleanNode(true);
      }
    }
    return JsonValues.NODES.booleanNode(false);
  }

  private static JsonNode arrayRange(Arguments in) {
    long start = in.exactly(3).integer(0);
    long end = in.integer(1);
    long step = in.integer(2);
    if (step == 0) {
      throw in.invalid();
    }
    ArrayNode range = JsonValues.NODES.arrayNode();
    if (step > 0 ? start > end : start < end) {
      return range;
    }
    long count = (end - start) / step + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw in.invalid();
    }
    for (long i = 0, value = start; i < count; i++, value += step) {
      range.add(number(value));
    }
    return range;
  }

  private static JsonNode arrayGetItem(Arguments in) {
    ArrayNode array = in.exactly(2).array(0);
    long index = in.integer(1);
    if (index < 0 || index >= array.size()) {
      throw in.invalid();
    }
    return array.get((int) index);
  }

  private static JsonNode arrayUnique(Arguments in) {
    ArrayNode array = in.exactly(1).array(0);
    ArrayNode unique = JsonValues.NODES.arrayNode();
    for (JsonNode item : array) {
      boolean seen = false;
      for (JsonNode kept : unique) {
        if (JsonValues.sameValue(kept, item)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        unique.add(item);
      }
    }
    return unique;
  }

  private static JsonNode base64Encode(Arguments in) {
    String text = in.exactly(1).text(0);
    if (text.length() > MAX_ENCODING_INPUT) {
      throw in.invalid();
    }
    return JsonValues.NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode base64Decode(Arguments in) {
    String encoded = in.exactly(1).text(0);
    if (encoded.length() > MAX_ENCODING_INPUT) {
      throw in.invalid();
    }
    try {
      // Missing padding is accepted: the decoder tolerates it when none is written at all.
      byte[] bytes = Base64.getDecoder().decode(encoded.replaceAll("=+$", ""));
      return JsonValues.NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw in.invalid();
    }
  }

  private static JsonNode hash(Arguments in) {
    String data = in.exactly(2).text(0);
    String algorithm = in.text(1);
    if (data.length() > MAX_HASH_INPUT || !HASH_ALGORITHMS.contains(algorithm)) {
      throw in.invalid();
    }
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
      return JsonValues.NODES.textNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide " + algorithm + ", but it does not", e);
    }
  }

  /** Shallow only: AWS rejects {@code true} for the third (deep merge) argument. */
  private static JsonNode jsonMerge(Arguments in) {
    JsonNode first = in.exactly(3).get(0);
    JsonNode second = in.get(1);
    JsonNode deep = in.get(2);
    if (!first.isObject() || !second.isObject() || !deep.isBoolean() || deep.booleanValue()) {
      throw in.invalid();
    }
    ObjectNode merged = JsonValues.NODES.objectNode();
    merged.setAll((ObjectNode) first);
    merged.setAll((ObjectNode) second);
    return merged;
  }

  private JsonNode mathRandom(Arguments in) {
    if (in.size() != 2 && in.size() != 3) {
      throw in.invalid();
    }
    long start = in.integer(0);
    long end = in.integer(1);
    if (start >= end) {
      throw in.invalid();
    }
    RandomGenerator random = in.size() == 3 ? new Random(in.integer(2)) : randomness.generator();
    return number(random.nextLong(start, end));
  }

  private static JsonNode mathAdd(Arguments in) {
    long sum = in.exactly(2).integer32(0) + in.integer32(1);
    return number(sum);
  }

  private static JsonNode stringSplit(Arguments in) {
    String text = in.exactly(2).text(0);
    String delimiters = in.text(1);
    ArrayNode tokens = JsonValues.NODES.arrayNode();
    // Every character of the second argument is a delimiter and empty tokens are dropped, as AWS does.
    for (StringTokenizer tokenizer = new StringTokenizer(text, delimiters); tokenizer.hasMoreTokens(); ) {
      tokens.add(tokenizer.nextToken());
    }
    return tokens;
  }

  private JsonNode uuid(Arguments in) {
    in.exactly(0);
    RandomGenerator random = randomness.generator();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return JsonValues.NODES.textNode(new java.util.UUID(most, least).toString());
  }

  private static JsonNode number(long value) {
    return value == (int) value ? JsonValues.NODES.numberNode((int) value) : JsonValues.NODES.numberNode(value);
  }

  /** The evaluated arguments of one call, with the checks every function shares. */
  private record Arguments(IntrinsicFunction function, List<JsonNode> values) {
    StatesFailure invalid() {
      return StatesFailure.runtime("Invalid arguments in " + function.qualifiedName());
    }

    int size() {
      return values.size();
    }

    JsonNode get(int index) {
      return values.get(index);
    }

    Arguments exactly(int count) {
      if (values.size() != count) {
        throw invalid();
      }
      return this;
    }

    String text(int index) {
      JsonNode value = values.get(index);
      if (!value.isTextual()) {
        throw invalid();
      }
      return value.textValue();
    }

    ArrayNode array(int index) {
      if (values.get(index) instanceof ArrayNode array) {
        return array;
      }
      throw invalid();
    }

    /** An integer argument; a fractional number is rounded half up, as AWS does for MathAdd. */
    long integer(int index) {
      JsonNode value = values.get(index);
      if (!value.isNumber()) {
        throw invalid();
      }
      if (value.isIntegralNumber()) {
        if (!value.canConvertToLong()) {
          throw invalid();
        }
        return value.longValue();
      }
      double number = value.doubleValue();
      if (Double.isNaN(number) || Math.abs(number) >= Long.MAX_VALUE) {
        throw invalid();
      }
      return Math.round(number);
    }

    long integer32(int index) {
      long value = integer(index);
      if (value != (int) value) {
        throw invalid();
      }
      return value;
    }
  }
}
