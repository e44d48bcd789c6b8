package dev.stepfold.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.StateTestResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;

/**
 * TestState's {@code InspectionData}: each payload as JSON text, {@code errorDetails} for the retrier or catcher that
 * handled an error, a Map's {@code maxConcurrency} and tolerated failures; at TRACE, for {@code http:invoke}, the
 * {@code request} the task would send (from its parameters) and the {@code response} the mock stands for.
 */
final class InspectionJson {
  static final String HTTP_INVOKE = "arn:aws:states:::http:invoke";
  private static final String PROTOCOL = "https";

  private InspectionJson() {}

  static ObjectNode of(StateTestResult.Inspection inspection) {
    var json = Wire.object();
    inspection.payloads().forEach((member, value) -> json.put(member, HistoryJson.compact(value)));
    if (inspection.retryIndex().isPresent() || inspection.catchIndex().isPresent()) {
      var details = json.putObject("errorDetails");
      inspection.catchIndex().ifPresent(index -> details.put("catchIndex", index));
      inspection.retryIndex().ifPresent(index -> details.put("retryIndex", index));
      inspection.retryBackoffIntervalSeconds().ifPresent(seconds -> details.put("retryBackoffIntervalSeconds", seconds));
    }
    inspection.maxConcurrency().ifPresent(concurrency -> json.put("maxConcurrency", concurrency));
    inspection.toleratedFailureCount().ifPresent(count -> json.put("toleratedFailureCount", count));
    inspection.toleratedFailurePercentage().ifPresent(percentage -> json.put("toleratedFailurePercentage", percentage));
    return json;
  }

  /** For an HTTP Task: the request its parameters make, and the response its mocked result is. */
  static void http(ObjectNode json, String resource, StateTestResult.Inspection inspection, Optional<JsonNode> mockedResult) {
    if (!resource.equals(HTTP_INVOKE)) {
      return;
    }
    var parameters = Optional.ofNullable(inspection.payloads().get("afterParameters"))
        .or(() -> Optional.ofNullable(inspection.payloads().get("afterArguments")));
    parameters.ifPresent(sent -> {
      var request = json.putObject("request")
          .put("protocol", PROTOCOL)
          .put("method", sent.path("Method").asText(""))
          .put("url", url(sent))
          .put("headers", headers(sent.path("Headers")));
      if (sent.has("RequestBody")) {
        request.put("body", text(sent.get("RequestBody")));
      }
    });
    mockedResult.ifPresent(result -> {
      var response = json.putObject("response")
          .put("protocol", PROTOCOL)
          .put("statusCode", result.path("StatusCode").asText(""))
          .put("statusMessage", result.path("StatusText").asText(""))
          .put("headers", headers(result.path("Headers")));
      if (result.has("ResponseBody")) {
        response.put("body", text(result.get("ResponseBody")));
      }
    });
  }

  private static String url(JsonNode parameters) {
    var url = new StringBuilder(parameters.path("ApiEndpoint").asText(""));
    var query = new ArrayList<String>();
    parameters.path("QueryParameters").fields().forEachRemaining(parameter ->
        query.add(encode(parameter.getKey()) + "=" + encode(text(parameter.getValue()))));
    if (!query.isEmpty()) {
      url.append(url.indexOf("?") < 0 ? '?' : '&').append(String.join("&", query));
    }
    return url.toString();
  }

  /** {@code HTTPHeaders}: one {@code name: value} per header, a line each. */
  private static String headers(JsonNode headers) {
    var lines = new ArrayList<String>();
    headers.fields().forEachRemaining(header -> lines.add(header.getKey() + ": " + text(header.getValue())));
    return String.join("\n", lines);
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : HistoryJson.compact(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
