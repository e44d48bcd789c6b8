package dev.stepfold.engine.nested;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.ResourceNames;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin.ParentTask;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.EventDetails;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a dispatched StartExecution task starts, read from its parameters: the child's ARN (the {@code StateMachineArn}
 * parameter's execution named {@code Name}, or a UUID as AWS generates one — here derived from the parent's task token,
 * so that deciding again names the same child), and its input ({@code Input}: JSON is sent as its text, text as it is,
 * none as {@code {}}). A call that cannot start anything is refused with the API error AWS would answer.
 */
public sealed interface NestedStart {
  /** StartExecution, as a Task's resource calls it: {@code arn:aws:states:::states:startExecution[pattern]}. */
  String SERVICE = "states";
  String ACTION = "startExecution";

  /** A StartExecution of {@code stateMachineArn} (or one of its versions) under {@code executionArn}. */
  record Start(ParentTask parent, ExecutionArn executionArn, String stateMachineArn, String input) implements NestedStart {
    public Start {
      Objects.requireNonNull(parent, "parent");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(input, "input");
    }
  }

  /** The call names no state machine or an invalid name: AWS refuses it before starting anything. */
  record Refused(ParentTask parent, ApiError error, String message) implements NestedStart {
    public Refused {
      Objects.requireNonNull(parent, "parent");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }

    /** What the parent's task is told: it fails with the refusal. */
    public Command.SendTaskFailure report() {
      return ParentReports.refused(parent, error.awsName(), message, parent.taskToken().value() + "#refused");
    }
  }

  ParentTask parent();

  /**
   * The child a {@code .sync} StartExecution task scheduled with {@code parameters} waits for; empty for any other task
   * and for a call that starts nothing.
   */
  static Optional<ExecutionArn> syncChild(ExecutionArn parent, long scheduledEventId, EventDetails.TaskScheduled scheduled) {
    var pattern = IntegrationPattern.ofAction(scheduled.resource());
    if (!pattern.isSync() || !scheduled.resourceType().equals(SERVICE) || !scheduled.resource().equals(ACTION + pattern.suffix())) {
      return Optional.empty();
    }
    var start = of(new ParentTask(parent, TaskToken.of(parent, scheduledEventId), pattern), scheduled.parameters());
    return start instanceof Start started ? Optional.of(started.executionArn()) : Optional.empty();
  }

  /** The start a task asks for; empty when the task is not a call of StartExecution. */
  static Optional<NestedStart> of(TaskDispatch task) {
    if (task.resource() instanceof TaskResource.Integration integration && integration.calls(SERVICE, ACTION)) {
      return Optional.of(of(new ParentTask(task.executionArn(), task.taskToken(), integration.pattern()), task.payload()));
    }
    return Optional.empty();
  }

  private static NestedStart of(ParentTask parent, JsonNode parameters) {
    var named = parameters.path("StateMachineArn");
    if (!named.isTextual()) {
      return new Refused(parent, ApiError.INVALID_ARN, "Invalid Arn: 'Expected the StateMachineArn parameter to be an ARN, but got "
          + (named.isMissingNode() ? "none" : Json.shown(named)) + "'");
    }
    StateMachineArn stateMachineArn;
    try {
      stateMachineArn = new StateMachineArn(named.textValue());
    } catch (IllegalArgumentException e) {
      return new Refused(parent, ApiError.INVALID_ARN, "Invalid Arn: '" + e.getMessage() + "'");
    }
    var name = parameters.path("Name");
    String executionName;
    if (name.isMissingNode() || name.isNull()) {
      executionName = UUID.nameUUIDFromBytes(parent.taskToken().value().getBytes(StandardCharsets.UTF_8)).toString();
    } else if (name.isTextual() && ResourceNames.isValid(name.textValue())) {
      executionName = name.textValue();
    } else {
      return new Refused(parent, ApiError.INVALID_NAME, "Invalid Name: '" + Json.shown(name) + "'");
    }
    // an execution is named after its state machine, not the version or alias the call may name
    var unqualified = new StateMachineArn(String.join(":", Arrays.copyOf(stateMachineArn.value().split(":"), 7)));
    return new Start(parent, unqualified.execution(executionName), stateMachineArn.value(), input(parameters.path("Input")));
  }

  private static String input(JsonNode input) {
    if (input.isMissingNode() || input.isNull()) {
      return "{}";
    }
    return input.isTextual() ? input.textValue() : Json.text(input);
  }
}
