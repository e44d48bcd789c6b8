package dev.stepfold.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;

/** JSON as the commands print it: pretty documents, one-line JSON (JSON lines), and AWS's epoch-second dates as instants. */
final class CliJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private CliJson() {}

  /** A date of an answer, epoch seconds with their fraction as AWS writes them. */
  static Instant instant(JsonNode epochSeconds) {
    return Instant.ofEpochMilli(epochSeconds.decimalValue().movePointRight(3).longValue());
  }

  /** The date in {@code member}, when there is one. */
  static Optional<Instant> instant(JsonNode object, String member) {
    return object.hasNonNull(member) ? Optional.of(instant(object.get(member))) : Optional.empty();
  }

  static void printPretty(JsonNode json, PrintWriter out) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** One JSON document on one line. */
  static void printLine(JsonNode json, PrintWriter out) {
    out.println(compact(json));
    out.flush();
  }

  static String compact(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
