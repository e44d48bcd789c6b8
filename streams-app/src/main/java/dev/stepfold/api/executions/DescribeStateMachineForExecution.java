package dev.stepfold.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code ExecutionStarted} event, or the version a redrive after a fix moved it onto. The text is the one the client sent when the revision the execution ran is still kept
 * (the current revision, or a published version), so clients get back what they sent; otherwise it is the document the
 * execution ran, as compact JSON.
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
    var stored = redrivenOnto(executionArn, started).or(() -> ranRevision(started, document));
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

  /**
   * The version a redrive after a fix moved the execution onto, when it runs another than it started with: the one
   * DescribeExecution names, as the stored version.
   */
  private Optional<StateMachine> redrivenOnto(String executionArn, EventDetails.ExecutionStarted started) {
    var running = Wire.read(() -> services.executions().describeExecution(executionArn)).summary().stateMachineVersionArn();
    return running.filter(version -> !running.equals(started.stateMachineVersionArn()))
        .flatMap(version -> Wire.read(() -> services.stateMachines().find(version)));
  }

  /**
   * The stored revision the execution ran: the version it was started through, else the state machine's current
   * revision or, after an update, the newest published version with the same document; empty when none is kept.
   */
  private Optional<StateMachine> ranRevision(EventDetails.ExecutionStarted started, JsonNode document) {
    var stateMachines = services.stateMachines();
    var named = Wire.read(() -> stateMachines.find(started.stateMachineVersionArn().orElse(started.stateMachineArn().value())));
    if (named.isEmpty() || runs(named.get(), document) || started.stateMachineVersionArn().isPresent()) {
      return named.filter(stateMachine -> runs(stateMachine, document));
    }
    for (long version = named.get().latestVersion(); version >= 1; version--) {
      var key = StateMachine.versionArn(started.stateMachineArn(), version);
      var published = Wire.read(() -> stateMachines.find(key)).filter(stateMachine -> runs(stateMachine, document));
      if (published.isPresent()) {
        return published;
      }
    }
    return Optional.empty();
  }

  private static boolean runs(StateMachine stateMachine, JsonNode document) {
    return Json.parse(stateMachine.definition()).filter(document::equals).isPresent();
  }
}
