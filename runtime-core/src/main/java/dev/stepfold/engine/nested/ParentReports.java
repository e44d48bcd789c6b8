package dev.stepfold.engine.nested;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin.ParentTask;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.StatesError;
import java.time.Instant;
import java.util.Optional;

/**
 * What a nested execution tells its parent's task, as AWS's service integration reports it (the shapes are those of the
 * recorded executions in the conformance corpus):
 * <ul>
 *   <li>started: StartExecution's answer {@code {"ExecutionArn", "StartDate"}} — the task's result for request-response,
 *       its {@code TaskSubmitted} output otherwise;
 *   <li>refused: the task fails with {@code StepFunctions.<error>Exception} and the SDK's message as its cause;
 *   <li>closed ({@code .sync}, {@code .sync:2}): a succeeded child's DescribeExecution-shaped object is the task's result;
 *       any other end fails the task with {@code States.TaskFailed} and that object (with the child's Error and Cause,
 *       without Output) as JSON text in the cause. {@code .sync} carries the child's input and output as JSON text,
 *       {@code .sync:2} as JSON.
 * </ul>
 * Dates are epoch milliseconds, as the AWS SDK writes them.
 */
public final class ParentReports {
  private ParentReports() {}

  /** The child started at {@code startDate}. */
  public static Command started(ParentTask parent, ExecutionArn child, Instant startDate, String requestId) {
    var answer = Json.object();
    answer.put("ExecutionArn", child.value());
    answer.put("StartDate", startDate.toEpochMilli());
    var output = Json.text(answer);
    return parent.pattern() == IntegrationPattern.REQUEST_RESPONSE
        ? new Command.SendTaskSuccess(requestId, parent.executionArn(), parent.taskToken(), output)
        : new Command.ReportTaskSubmitted(requestId, parent.executionArn(), parent.taskToken(), output);
  }

  /** StartExecution was refused with the API error named {@code error}; {@code requestId} stands for the refused call's. */
  public static Command.SendTaskFailure refused(ParentTask parent, String error, String message, String requestId) {
    var failure = refusal(error, message, requestId);
    return new Command.SendTaskFailure(requestId, parent.executionArn(), parent.taskToken(), failure.errorIfPresent(), failure.causeIfPresent());
  }

  /** The error AWS reports for a refused StartExecution: the API error's name as the SDK's exception, its message as the SDK shows it. */
  public static StatesError refusal(String error, String message, String requestId) {
    return new StatesError("StepFunctions." + error + "Exception", message + " (Service: AWSStepFunctions; Status Code: 400; Error Code: "
        + error + "; Request ID: " + requestId + "; Proxy: null)");
  }

  /** The child closed as {@code child} says; only {@code .sync} and {@code .sync:2} tasks wait for it. */
  public static Command closed(ParentTask parent, ExecutionSummary child, String requestId) {
    if (!parent.pattern().isSync()) {
      throw new IllegalArgumentException("Expected a .sync task to report a closed child to, but the parent's task is " + parent.pattern());
    }
    if (!child.status().isClosed()) {
      throw new IllegalArgumentException("Expected a closed child to report, but " + child.executionArn() + " is " + child.status());
    }
    boolean parsed = parent.pattern() == IntegrationPattern.SYNC_2;
    var description = Json.object();
    if (child.status() != ExecutionStatus.SUCCEEDED) {
      child.cause().ifPresent(cause -> description.put("Cause", cause));
      child.error().ifPresent(error -> description.put("Error", error));
    }
    description.put("ExecutionArn", child.executionArn().value());
    description.set("Input", payload(child.input(), parsed));
    description.set("InputDetails", included());
    description.put("Name", child.name());
    child.output().filter(output -> child.status() == ExecutionStatus.SUCCEEDED).ifPresent(output -> {
      description.set("Output", payload(output, parsed));
      description.set("OutputDetails", included());
    });
    description.put("StartDate", child.startDate().toEpochMilli());
    description.put("StateMachineArn", child.stateMachineArn().value());
    description.put("Status", child.status().name());
    child.stopDate().ifPresent(stopDate -> description.put("StopDate", stopDate.toEpochMilli()));
    if (child.status() == ExecutionStatus.SUCCEEDED) {
      return new Command.SendTaskSuccess(requestId, parent.executionArn(), parent.taskToken(), Json.text(description));
    }
    return new Command.SendTaskFailure(requestId, parent.executionArn(), parent.taskToken(), Optional.of(StatesError.TASK_FAILED),
        Optional.of(Json.text(description)));
  }

  private static JsonNode payload(JsonNode value, boolean parsed) {
    return parsed ? value : Json.object().textNode(Json.text(value));
  }

  private static ObjectNode included() {
    var details = Json.object();
    details.put("Included", true);
    return details;
  }
}
