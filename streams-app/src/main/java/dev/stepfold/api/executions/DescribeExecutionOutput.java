package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.Wire;
import dev.stepfold.streams.ExecutionDescription;

/** {@code DescribeExecutionOutput}: an execution's description as DescribeExecution answers it. */
public final class DescribeExecutionOutput {
  private DescribeExecutionOutput() {}

  /** The answer; without {@code includeData} ({@code METADATA_ONLY}), input and output left out. */
  public static ObjectNode of(ExecutionDescription description, boolean includeData) {
    var summary = description.summary();
    var json = ExecutionJson.listItem(summary);
    ExecutionJson.payloads(json, summary, includeData);
    Wire.put(json, "error", summary.error());
    Wire.put(json, "cause", summary.cause());
    var redrive = description.redriveStatus();
    json.put("redriveStatus", redrive.redriveStatus());
    Wire.put(json, "redriveStatusReason", redrive.redriveStatusReason());
    return json;
  }
}
