package dev.stepfold.api.mapruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.Wire;
import dev.stepfold.error.ApiError;

/**
 * {@code ListMapRuns}: the map runs an execution started, in the order it started them, from its history, paged with
 * an opaque {@code nextToken}. An execution that does not exist is {@code ExecutionDoesNotExist}.
 */
final class ListMapRuns implements Operation {
  private static final PageToken TOKENS = new PageToken("ListMapRuns");
  private final ApiServices services;

  ListMapRuns(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListMapRuns";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = in.requiredArn("executionArn");
    int pageSize = in.pageSize();
    var nextToken = in.nextToken(Members.PAGE_TOKEN_LENGTH);
    int from = nextToken.map(token -> position(token)).orElse(0);
    var mapRuns = Wire.read(() -> services.executions().mapRuns().mapRunsOf(executionArn));
    var json = Wire.object();
    var items = json.putArray("mapRuns");
    for (var mapRun : mapRuns.subList(Math.min(from, mapRuns.size()), Math.min(from + pageSize, mapRuns.size()))) {
      var item = items.addObject()
          .put("executionArn", mapRun.executionArn())
          .put("mapRunArn", mapRun.mapRunArn())
          .put("stateMachineArn", mapRun.stateMachineArn())
          .put("startDate", Wire.timestamp(mapRun.startDate()));
      Wire.putTimestamp(item, "stopDate", mapRun.stopDate());
    }
    if (from + pageSize < mapRuns.size()) {
      json.put("nextToken", TOKENS.write(Integer.toString(from + pageSize)));
    }
    return json;
  }

  private static int position(String token) {
    var position = TOKENS.read(token);
    try {
      return Integer.parseInt(position);
    } catch (NumberFormatException e) {
      throw ApiException.of(ApiError.INVALID_TOKEN, "Invalid Token: '" + token + "'");
    }
  }
}
