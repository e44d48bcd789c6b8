package dev.stepfold.asl.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads definition text as JSON, reporting malformed text as AWS does (AWS parses with Jackson too). */
final class JsonText {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());

  private JsonText() {}

  /** The parsed document, or the {@code INVALID_JSON_DESCRIPTION} diagnostic. */
  static Result read(String text) {
    try {
      return new Result.Json(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      var location = e.getLocation() == null ? Diagnostic.NO_LOCATION : e.getLocation().toString();
      var message = e.getOriginalMessage() + "\n at " + location;
      return new Result.NotJson(
          new Diagnostic(Diagnostic.Severity.ERROR, Diagnostic.INVALID_JSON_DESCRIPTION, message, location));
    }
  }

  sealed interface Result {
    record Json(JsonNode document) implements Result {}

    record NotJson(Diagnostic diagnostic) implements Result {}
  }
}
