package dev.stepfold.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.streams.ReadFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The little the operations share in writing their outputs: timestamps as epoch seconds with milliseconds, absent members
 * left out, reads whose AWS errors become {@link ApiException}s.
 */
public final class Wire {
  private Wire() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Epoch seconds with at most three decimals: a JSON number every client reads. */
  public static BigDecimal timestamp(Instant instant) {
    return HistoryJson.epochSeconds(instant);
  }

  /** A timestamp member of an engine reply (epoch seconds, as a number). */
  public static Instant instant(JsonNode epochSeconds) {
    if (epochSeconds == null || !epochSeconds.isNumber()) {
      throw new IllegalStateException("Expected a timestamp in epoch seconds, but got " + epochSeconds);
    }
    return Instant.ofEpochMilli(epochSeconds.decimalValue().movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  public static void put(ObjectNode json, String member, Optional<String> value) {
    value.ifPresent(text -> json.put(member, text));
  }

  public static void putTimestamp(ObjectNode json, String member, Optional<Instant> value) {
    value.ifPresent(instant -> json.put(member, timestamp(instant)));
  }

  /** A read of the runtime; its AWS error ({@code ExecutionDoesNotExist}, {@code InvalidToken}, ...) becomes the answer. */
  public static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (ReadFailure e) {
      throw new ApiException(e.errorType(), e.getMessage());
    }
  }
}
