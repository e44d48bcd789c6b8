package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.ExecutionSummary;

/** An execution as DescribeExecution and ListExecutions show it ({@code DescribeExecutionOutput}, {@code ExecutionListItem}). */
final class ExecutionJson {
  private ExecutionJson() {}

  /** The members {@code ExecutionListItem} has; DescribeExecution shows them too. */
  static ObjectNode listItem(ExecutionSummary summary) {
    var json = Wire.object()
        .put("executionArn", summary.executionArn().value())
        .put("stateMachineArn", summary.stateMachineArn().value())
        .put("name", summary.name())
        .put("status", summary.status().name())
        .put("startDate", Wire.timestamp(summary.startDate()));
    Wire.putTimestamp(json, "stopDate", summary.stopDate());
    Wire.put(json, "stateMachineVersionArn", summary.stateMachineVersionArn());
    Wire.put(json, "stateMachineAliasArn", summary.stateMachineAliasArn());
    json.put("redriveCount", summary.redriveCount());
    Wire.putTimestamp(json, "redriveDate", summary.redriveDate());
    return json;
  }

  /** Input and output as JSON text with their details; with {@code METADATA_ONLY} only the details, saying they were left out. */
  static void payloads(ObjectNode json, ExecutionSummary summary, boolean includeData) {
    if (includeData) {
      json.put("input", HistoryJson.compact(summary.input()));
    }
    json.putObject("inputDetails").put("included", includeData);
    if (summary.output().isPresent()) {
      if (includeData) {
        json.put("output", HistoryJson.compact(summary.output().get()));
      }
      json.putObject("outputDetails").put("included", includeData);
    }
  }
}
