package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.TaskToken;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The context object ({@code $$}): what AWS tells a state about its execution, state machine, state and task. */
public final class ContextObject {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ContextObject() {}

  /**
   * @param withRetryCount whether {@code State.RetryCount} is shown: AWS shows it in states that can retry
   * @param taskToken the token, for {@code .waitForTaskToken} tasks
   */
  static JsonNode of(ExecutionState execution, ActiveState active, boolean withRetryCount, Optional<TaskToken> taskToken) {
    var started = execution.started().orElseThrow();
    var context = Json.object();
    var executionNode = context.putObject("Execution");
    executionNode.put("Id", started.executionArn().value());
    executionNode.set("Input", started.input());
    executionNode.put("StartTime", timestamp(execution.startDate().orElseThrow()));
    executionNode.put("Name", started.executionArn().name());
    executionNode.put("RoleArn", started.roleArn());
    if (started.executionType() == ExecutionType.STANDARD) {
      // Express executions cannot be redriven and show no count; RedriveTime exists once redriven (R31).
      executionNode.put("RedriveCount", execution.redrives().count());
      execution.redrives().lastDate().ifPresent(date -> executionNode.put("RedriveTime", timestamp(date)));
    }
    ObjectNode stateMachine = context.putObject("StateMachine");
    stateMachine.put("Id", started.stateMachineArn().value());
    stateMachine.put("Name", started.stateMachineArn().name());
    var state = context.putObject("State");
    state.put("Name", active.stateName());
    state.put("EnteredTime", timestamp(active.enteredTime()));
    if (withRetryCount) {
      state.put("RetryCount", active.retryCount());
    }
    taskToken.ifPresent(token -> context.putObject("Task").put("Token", token.value()));
    return context;
  }

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }
}
