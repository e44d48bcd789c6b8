package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineJson;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.history.EventDetails;
import dev.stepfold.statemachine.StateMachine;
import java.util.Optional;

/**
 * {@code DescribeStateMachineForExecution}: the definition and role the execution started with, from its
 * {@code ExecutionStarted} event. The text is the state machine's (or version's) as it was sent when that revision is
 * still the one stored, so clients get back what they sent; otherwise the document the execution ran.
 */
final class DescribeStateMachineForExecution implements Operation {
  private final ApiServices services;

  DescribeStateMachineForExecution(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "DescribeStateMachineForExecution";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var executionArn = in.requiredArn("executionArn");
    var includeData = in.includesData();
    var first = Wire.read(() -> services.executions().getExecutionHistory(executionArn, 1, Optional.empty(), false)).events();
    if (first.isEmpty() || !(first.get(0).details() instanceof EventDetails.ExecutionStarted started)) {
      throw new IllegalStateException("Expected the history of " + executionArn + " to start with ExecutionStarted, but it starts with " + first);
    }
    var document = started.definition().document();
    var revisionKey = started.stateMachineVersionArn().orElse(started.stateMachineArn().value());
    var stored = Wire.read(() -> services.stateMachines().find(revisionKey))
        .filter(stateMachine -> Json.parse(stateMachine.definition()).filter(document::equals).isPresent());
    var json = Wire.object()
        .put("stateMachineArn", started.stateMachineArn().value())
        .put("name", started.stateMachineArn().name())
        .put("definition", includeData ? stored.map(StateMachine::definition).orElse(HistoryJson.compact(document)) : "{}")
        .put("roleArn", started.roleArn())
        .put("updateDate", Wire.timestamp(stored.map(StateMachine::updateDate).orElse(first.get(0).timestamp())));
    StateMachineJson.configurations(json);
    stored.ifPresent(stateMachine -> json.put("revisionId", stateMachine.revisionId()));
    return json;
  }
}
