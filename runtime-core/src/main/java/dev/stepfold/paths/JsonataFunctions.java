package dev.stepfold.paths;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash}, {@code $random},
 * {@code $uuid}, {@code $parse}), and the standard ones it replaces or removes: {@code $eval} is not available, and
 * {@code $now}/{@code $millis} read the state's entered time from the context object instead of a clock, so that
 * replaying an execution gives the same values.
 */
final class JsonataFunctions {
  /** Like States.ArrayRange. */
  private static final int MAX_RANGE_ITEMS = 1000;
  private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
  private static final ObjectReader STRICT_READER =
      JsonValues.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final JFunction PARTITION = new JFunction((input, args) -> partition(args), "<an:a>");
  private static final JFunction RANGE = new JFunction((input, args) -> range(args), "<nnn?:a<n>>");
  private static final JFunction HASH = new JFunction((input, args) -> hash(args), "<ss:s>");
  private static final JFunction PARSE = new JFunction((input, args) -> parse(args), "<s:j>");

  private JsonataFunctions() {}

  /** Binds the functions for one evaluation of the field at {@code location}, seeded from the context object. */
  static void bind(Frame frame, JsonNode context, String location) {
    IntrinsicRandomness randomness = new IntrinsicRandomness(context, "jsonata:" + location);
    frame.bind("partition", PARTITION);
    frame.bind("range", RANGE);
    frame.bind("hash", HASH);
    frame.bind("parse", PARSE);
    frame.bind("random", new JFunction((input, args) -> random(args, randomness), "<n?:n>"));
    frame.bind("uuid", new JFunction((input, args) -> uuid(randomness), "<:s>"));
    long now = stateEnteredMillis(context);
    frame.bind("now", new JFunction((input, args) -> now(now, args), "<s?s?:s>"));
    frame.bind("millis", new JFunction((input, args) -> now, "<:n>"));
    frame.bind("eval", (Object) null);
  }

  private static Object partition(List<?> args) {
    List<?> array = (List<?>) args.get(0);
    if (array == null) {
      return null;
    }
    long size = integer(args.get(1), "$partition", "chunk size");
    if (size <= 0) {
      throw new FunctionError("The chunk size of $partition must be a positive integer, but was " + size);
    }
    List<Object> chunks = new ArrayList<>();
    for (int start = 0; start < array.size(); start += (int) Math.min(size, Integer.MAX_VALUE)) {
      chunks.add(new ArrayList<>(array.subList(start, (int) Math.min(array.size(), start + size))));
    }
    return chunks;
  }

  /** From start to end inclusive; a sequence, so that a single number comes back as that number (as AWS shows). */
  private static Object range(List<?> args) {
    long start = integer(args.get(0), "$range", "start");
    long end = integer(args.get(1), "$range", "end");
    long step = args.size() > 2 && args.get(2) != null ? integer(args.get(2), "$range", "step") : 1;
    if (step == 0) {
      throw new FunctionError("The step of $range must not be 0");
    }
    List<Object> sequence = Utils.createSequence();
    for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
      if (sequence.size() == MAX_RANGE_ITEMS) {
        throw new FunctionError("$range can produce at most " + MAX_RANGE_ITEMS + " items");
      }
      sequence.add(value == (int) value ? (Object) (int) value : (Object) value);
    }
    return sequence;
  }

  private static Object hash(List<?> args) {
    String data = (String) args.get(0);
    if (data == null) {
      return null;
    }
    Object algorithm = args.get(1);
    if (!(algorithm instanceof String name) || !HASH_ALGORITHMS.contains(name)) {
      throw new FunctionError("The algorithm of $hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was "
          + algorithm);
    }
    try {
      byte[] digest = MessageDigest.getInstance(name).digest(data.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide " + name + ", but it does not", e);
    }
  }

  private static Object parse(List<?> args) {
    String text = (String) args.get(0);
    if (text == null) {
      return null;
    }
    try {
      return JsonataValues.toJsonata(STRICT_READER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new FunctionError("$parse could not parse the string as JSON: " + text);
    }
  }

  /** A number n with 0 ≤ n < 1; the same for the same seed. */
  private static Object random(List<?> args, IntrinsicRandomness randomness) {
    Object seed = args.isEmpty() ? null : args.get(0);
    RandomGenerator generator = seed == null ? randomness.generator()
        : new Random(integer(seed, "$random", "seed"));
    return generator.nextDouble();
  }

  private static Object uuid(IntrinsicRandomness randomness) {
    RandomGenerator random = randomness.generator();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  private static Object now(long millis, List<?> args) {
    String picture = !args.isEmpty() ? (String) args.get(0) : null;
    String timezone = args.size() > 1 ? (String) args.get(1) : null;
    return Functions.dateTimeFromMillis(millis, picture, timezone);
  }

  /** The state's entered time, else the execution's start time, else the epoch. */
  private static long stateEnteredMillis(JsonNode context) {
    for (JsonNode time : new JsonNode[] {
        context.path("State").path("EnteredTime"), context.path("Execution").path("StartTime")}) {
      if (time.isTextual()) {
        try {
          return Instant.parse(time.textValue()).toEpochMilli();
        } catch (DateTimeParseException e) {
          // try the next one
        }
      }
    }
    return 0;
  }

  private static long integer(Object value, String function, String argument) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return number.longValue();
      }
    }
    throw new FunctionError("The " + argument + " of " + function + " must be an integer, but was " + value);
  }

  /** A Step Functions function rejected its arguments. */
  static final class FunctionError extends RuntimeException {
    FunctionError(String message) {
      super(message, null, false, false);
    }
  }
}
