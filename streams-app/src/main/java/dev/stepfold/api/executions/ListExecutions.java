package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.mapruns.MapRunExecutions;
import dev.stepfold.streams.ListExecutionsRequest;
import java.util.List;

/**
 * {@code ListExecutions} of a state machine or of one of its versions or aliases, newest first, from every instance: {@code statusFilter},
 * {@code redriveFilter}, pages of {@code maxResults} (100 when absent or 0) with an opaque {@code nextToken}; or of a
 * map run ({@code mapRunArn}, see {@link MapRunExecutions}), where {@code statusFilter: PENDING_REDRIVE} is allowed.
 */
final class ListExecutions implements Operation {
  static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
  static final List<String> REDRIVE_FILTERS = List.of("REDRIVEN", "NOT_REDRIVEN");
  private static final int LIST_EXECUTIONS_TOKEN_LENGTH = 3096;
  private static final int LONG_ARN_LENGTH = 2000;
  private final ApiServices services;

  ListExecutions(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListExecutions";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var stateMachineArn = in.optionalArn("stateMachineArn");
    var mapRunArn = in.optionalString("mapRunArn", 1, LONG_ARN_LENGTH);
    var status = in.optionalEnum("statusFilter", STATUSES);
    var redriveFilter = in.optionalEnum("redriveFilter", REDRIVE_FILTERS);
    int pageSize = in.pageSize();
    var nextToken = in.nextToken(LIST_EXECUTIONS_TOKEN_LENGTH);
    if (stateMachineArn.isPresent() == mapRunArn.isPresent()) {
      throw ApiException.validation(stateMachineArn.isPresent() ? "Only one of stateMachineArn and mapRunArn may be given"
          : "Must provide a StateMachine ARN or a MapRun ARN");
    }
    if (mapRunArn.isPresent()) {
      var children = MapRunExecutions.page(services, mapRunArn.get(), status, redriveFilter, pageSize, nextToken);
      var json = Wire.object();
      var items = json.putArray("executions");
      children.executions().forEach(summary -> items.add(ExecutionJson.listItem(summary).put("mapRunArn", mapRunArn.get())));
      Wire.put(json, "nextToken", children.nextToken());
      return json;
    }
    var arn = ApiArns.stateMachine(stateMachineArn.get());
    ApiArns.refuseLabelled(arn);
    var page = Wire.read(() -> services.executions().listExecutions(
        new ListExecutionsRequest(arn.value(), status, redriveFilter, pageSize, nextToken)));
    var json = Wire.object();
    var items = json.putArray("executions");
    page.executions().forEach(summary -> items.add(ExecutionJson.listItem(summary)));
    Wire.put(json, "nextToken", page.nextToken());
    return json;
  }
}
