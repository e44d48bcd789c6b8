package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.HistoryJson;
import java.util.List;

/**
 * {@code GetExecutionHistory}: a page of the execution's events, oldest first ({@code reverseOrder} for newest first),
 * with an opaque {@code nextToken}; {@code includeExecutionData: false} leaves the events' inputs and outputs out.
 * stepfold's own {@code stepfoldExtensions: true} adds its extensions to AWS's members: the version, state and input of
 * a redrive after a fix, in {@code executionRedrivenEventDetails.stepfoldRedriveFix}.
 */
final class GetExecutionHistory implements Operation {
  static final String STEPFOLD_EXTENSIONS = "stepfoldExtensions";
  private static final List<String> PAYLOADS = List.of("input", "inputDetails", "output", "outputDetails");
  private final ApiServices services;

  GetExecutionHistory(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "GetExecutionHistory";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = in.requiredArn("executionArn");
    int pageSize = in.pageSize();
    var reverse = in.optionalBoolean("reverseOrder").orElse(false);
    var nextToken = in.nextToken(Members.PAGE_TOKEN_LENGTH);
    var includeData = in.optionalBoolean("includeExecutionData").orElse(true);
    // stepfold's own member: AWS clients see AWS's shape unless they ask for stepfold's extensions (a redrive's fix)
    var members = in.optionalBoolean(STEPFOLD_EXTENSIONS).orElse(false) ? HistoryJson.Members.WITH_STEPFOLD_EXTENSIONS : HistoryJson.Members.AWS;
    var page = Wire.read(() -> services.executions().getExecutionHistory(executionArn, pageSize, nextToken, reverse));
    var events = HistoryJson.toJson(page.events(), members);
    if (!includeData) {
      events.forEach(GetExecutionHistory::withoutPayloads);
    }
    var json = Wire.object();
    json.set("events", events);
    Wire.put(json, "nextToken", page.nextToken());
    return json;
  }

  private static void withoutPayloads(JsonNode event) {
    event.fields().forEachRemaining(member -> {
      if (member.getKey().endsWith("EventDetails") && member.getValue() instanceof ObjectNode details) {
        details.remove(PAYLOADS);
      }
    });
  }
}
