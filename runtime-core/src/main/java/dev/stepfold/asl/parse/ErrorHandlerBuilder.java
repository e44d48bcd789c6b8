package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.Catcher;
import dev.stepfold.asl.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Retry and Catch to records, with AWS's defaults filled in. */
final class ErrorHandlerBuilder {
  private ErrorHandlerBuilder() {}

  static List<Retrier> retriers(JsonNode state) {
    var retriers = new ArrayList<Retrier>();
    state.path("Retry").forEach(retrier -> retriers.add(new Retrier(
        errorEquals(retrier),
        retrier.path("IntervalSeconds").asDouble(Retrier.DEFAULT_INTERVAL_SECONDS),
        retrier.path("MaxAttempts").asInt(Retrier.DEFAULT_MAX_ATTEMPTS),
        retrier.path("BackoffRate").asDouble(Retrier.DEFAULT_BACKOFF_RATE),
        retrier.has("MaxDelaySeconds") ? OptionalLong.of(retrier.get("MaxDelaySeconds").longValue()) : OptionalLong.empty(),
        Retrier.JitterStrategy.valueOf(retrier.path("JitterStrategy").asText("NONE")))));
    return retriers;
  }

  static List<Catcher> catchers(JsonNode state) {
    var catchers = new ArrayList<Catcher>();
    state.path("Catch").forEach(catcher -> catchers.add(new Catcher(
        errorEquals(catcher),
        catcher.get("Next").textValue(),
        ModelBuilder.path(catcher, "ResultPath"),
        ModelBuilder.node(catcher, "Output"),
        ModelBuilder.node(catcher, "Assign"))));
    return catchers;
  }

  private static List<String> errorEquals(JsonNode handler) {
    var names = new ArrayList<String>();
    handler.get("ErrorEquals").forEach(name -> names.add(name.textValue()));
    return names;
  }
}
