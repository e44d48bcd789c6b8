package dev.stepfold.api.mapruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.maprun.MapRunCounts;

/**
 * {@code DescribeMapRun}: the map run's status, dates, settings, and its children counted by status, read from the
 * instance that owns the map run's key. One child runs one item here (ItemBatcher's batches are counted as the
 * children they are), and no ResultWriter writes results, so {@code resultsWritten} is 0.
 */
final class DescribeMapRun implements Operation {
  private final ApiServices services;

  DescribeMapRun(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeMapRun";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var mapRunArn = MapRunMembers.mapRunArn(request.members());
    var mapRun = Wire.read(() -> services.executions().mapRuns().describeMapRun(mapRunArn.value()));
    var json = Wire.object()
        .put("mapRunArn", mapRun.mapRunArn())
        .put("executionArn", mapRun.executionArn())
        .put("status", mapRun.status())
        .put("startDate", Wire.timestamp(mapRun.startDate()));
    Wire.putTimestamp(json, "stopDate", mapRun.stopDate());
    // A Map without MaxConcurrency runs as many children as AWS allows, and AWS shows it as 0.
    json.put("maxConcurrency", mapRun.maxConcurrency() == MapRunDispatch.MAX_CONCURRENCY ? 0 : mapRun.maxConcurrency())
        .put("toleratedFailurePercentage", (float) mapRun.toleratedFailurePercentage())
        .put("toleratedFailureCount", mapRun.toleratedFailureCount());
    json.set("itemCounts", counts(mapRun.counts()));
    json.set("executionCounts", counts(mapRun.counts()));
    json.put("redriveCount", mapRun.redriveCount());
    Wire.putTimestamp(json, "redriveDate", mapRun.redriveDate());
    return json;
  }

  /** {@code MapRunItemCounts} and {@code MapRunExecutionCounts}. */
  private static ObjectNode counts(MapRunCounts counts) {
    return Wire.object()
        .put("pending", counts.pending())
        .put("running", counts.running())
        .put("succeeded", counts.succeeded())
        .put("failed", counts.failed())
        .put("timedOut", counts.timedOut())
        .put("aborted", counts.aborted())
        .put("total", counts.total())
        .put("resultsWritten", 0)
        .put("failuresNotRedrivable", counts.failuresNotRedrivable())
        .put("pendingRedrive", counts.pendingRedrive());
  }
}
