package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskInFlight;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.Timers;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import dev.stepfold.paths.PathRoots;
import dev.stepfold.paths.Jsonata;
import dev.stepfold.paths.PayloadTemplates;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Task: schedules a task for a runner or worker and waits; its outcome is the state's result, or an error for Retry
 * and Catch. Which events record it depends on the resource: {@code Task...} for service integrations,
 * {@code LambdaFunction...} for a Lambda ARN, {@code Activity...} for an activity.
 */
public final class TaskBehavior {
  /** A task's time-out: {@code States.Timeout} with an empty cause. */
  private static final StatesError TIMED_OUT = new StatesError(StatesError.TIMEOUT, "");

  private TaskBehavior() {}

  /** Schedules an attempt: the first, or a retry. */
  static Step schedule(DecisionBuilder out, ScopePath scope, TaskState state) {
    // The attempt's own view: a retry is counted in its $$.State.RetryCount before TaskScheduled records it.
    var active = out.active(scope).attemptStarted();
    var resource = state.resource();
    if (resource instanceof TaskResource.Activity && !out.activities().exists(resource.arn())) {
      throw StatesFailure.runtime("The activity " + resource.arn() + " does not exist.");
    }
    var started = out.execution().started().orElseThrow();
    long scheduledEventId = out.execution().lastEventId() + 1;
    var token = TaskToken.of(started.executionArn(), scheduledEventId);
    // $$.Task.Token exists for integrations that wait (.sync, .waitForTaskToken); request-response calls have none.
    var tokenInContext = resource.pattern() == IntegrationPattern.REQUEST_RESPONSE ? Optional.<TaskToken>empty() : Optional.of(token);
    var env = StateEnv.of(out, scope, active, true, tokenInContext);
    var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
    var payload = DataFlow.payload(state, active.input(), effectiveInput, env);
    var timeout = seconds(state.timeoutSeconds(), "TimeoutSeconds", active.input(), effectiveInput, env);
    var heartbeat = seconds(state.heartbeatSeconds(), "HeartbeatSeconds", active.input(), effectiveInput, env);
    var credentialsRoleArn = credentialsRoleArn(state, active.input(), effectiveInput, env);
    IntegrationParameters.check(resource, payload);

    if (resource instanceof TaskResource.Integration) {
      out.appendToFlow(scope, HistoryEventType.TASK_SCHEDULED, new EventDetails.TaskScheduled(
          resource.resourceType(), resource.resourceName(), region(started.executionArn().value()), payload, timeout, heartbeat,
          credentialsRoleArn));
      out.appendToFlow(scope, HistoryEventType.TASK_STARTED, new EventDetails.TaskStarted(resource.resourceType(), resource.resourceName()));
    } else if (resource instanceof TaskResource.LambdaFunction) {
      out.appendToFlow(scope, HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
          new EventDetails.LambdaFunctionScheduled(resource.arn(), payload, timeout, credentialsRoleArn));
      out.appendToFlow(scope, HistoryEventType.LAMBDA_FUNCTION_STARTED, EventDetails.None.INSTANCE);
    } else {
      out.appendToFlow(scope, HistoryEventType.ACTIVITY_SCHEDULED, new EventDetails.ActivityScheduled(resource.arn(), payload, timeout, heartbeat));
    }
    out.dispatch(scope, new TaskDispatch(token, started.executionArn(), state.name(), scheduledEventId, resource, payload, timeout, heartbeat));
    timeout.ifPresent(seconds -> out.setTimer(Timers.taskTimeout(scheduledEventId), out.now().plusSeconds(seconds)));
    heartbeat.ifPresent(seconds -> out.setTimer(Timers.heartbeatTimeout(scheduledEventId), out.now().plusSeconds(seconds)));
    return Step.HALT;
  }

  /** A worker took an activity task. */
  public static void started(DecisionBuilder out, ScopePath scope, TaskState state, TaskInFlight task, Optional<String> workerName) {
    if (state.resource() instanceof TaskResource.Activity && !task.started()) {
      out.appendToFlow(scope, HistoryEventType.ACTIVITY_STARTED, new EventDetails.ActivityStarted(workerName));
    }
  }

  public static void submitted(DecisionBuilder out, ScopePath scope, TaskState state, JsonNode output) {
    var resource = state.resource();
    out.appendToFlow(scope, HistoryEventType.TASK_SUBMITTED, new EventDetails.TaskOutput(resource.resourceType(), resource.resourceName(), output));
  }

  public static void heartbeat(DecisionBuilder out, ScopePath scope, TaskState state, TaskInFlight task) {
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, true, Optional.empty());
    StateFlow.guarded(out, scope, state, () -> {
      var effectiveInput = DataFlow.effectiveInput(state, active.input(), env);
      seconds(state.heartbeatSeconds(), "HeartbeatSeconds", active.input(), effectiveInput, env).ifPresent(seconds ->
          out.setTimer(Timers.heartbeatTimeout(task.scheduledEventId()), out.now().plusSeconds(seconds)));
      return Step.HALT;
    });
  }

  public static void succeeded(DecisionBuilder out, ScopePath scope, TaskState state, TaskInFlight task, JsonNode result) {
    var resource = state.resource();
    if (resource instanceof TaskResource.Integration) {
      out.appendToFlow(scope, HistoryEventType.TASK_SUCCEEDED, new EventDetails.TaskOutput(resource.resourceType(), resource.resourceName(), result));
    } else {
      out.appendToFlow(scope, resource instanceof TaskResource.LambdaFunction ? HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED
          : HistoryEventType.ACTIVITY_SUCCEEDED, new EventDetails.Output(result));
    }
    cancelTimers(out, scope, task);
    var active = out.active(scope);
    var env = StateEnv.of(out, scope, active, true, Optional.empty());
    StateFlow.continueWith(out, StateFlow.guarded(out, scope, state, () -> {
      return StateFlow.exit(out, scope, state, DataFlow.afterResult(state, active.input(), result, env), state.transition());
    }));
  }

  public static void failed(DecisionBuilder out, ScopePath scope, TaskState state, TaskInFlight task, StatesError error) {
    appendFailure(out, scope, state.resource(), error,
        HistoryEventType.TASK_FAILED, HistoryEventType.LAMBDA_FUNCTION_FAILED, HistoryEventType.ACTIVITY_FAILED);
    cancelTimers(out, scope, task);
    StateFlow.continueWith(out, StateFlow.fail(out, scope, state, error));
  }

  /** Records that the task timed out and cancels its timers; {@link #handleTimeOut} handles the failure. */
  static void timedOut(DecisionBuilder out, ScopePath scope, TaskState state, TaskInFlight task) {
    appendFailure(out, scope, state.resource(), TIMED_OUT,
        HistoryEventType.TASK_TIMED_OUT, HistoryEventType.LAMBDA_FUNCTION_TIMED_OUT, HistoryEventType.ACTIVITY_TIMED_OUT);
    cancelTimers(out, scope, task);
  }

  /** A failure is recorded by the event of the resource's family: an integration's names the resource, the others do not. */
  private static void appendFailure(DecisionBuilder out, ScopePath scope, TaskResource resource, StatesError error,
      HistoryEventType ofIntegration, HistoryEventType ofLambdaFunction, HistoryEventType ofActivity) {
    if (resource instanceof TaskResource.Integration) {
      out.appendToFlow(scope, ofIntegration,
          new EventDetails.TaskFailure(resource.resourceType(), resource.resourceName(), error.errorIfPresent(), error.causeIfPresent()));
    } else {
      out.appendToFlow(scope, resource instanceof TaskResource.LambdaFunction ? ofLambdaFunction : ofActivity, StateFlow.failure(error));
    }
  }

  /** The time-out of the state's task goes through its Retry and Catch, or fails its scope. */
  static void handleTimeOut(DecisionBuilder out, ScopePath scope, TaskState state) {
    StateFlow.continueWith(out, StateFlow.fail(out, scope, state, TIMED_OUT));
  }

  private static void cancelTimers(DecisionBuilder out, ScopePath scope, TaskInFlight task) {
    out.cancelTimer(Timers.taskTimeout(task.scheduledEventId()));
    out.cancelTimer(Timers.heartbeatTimeout(task.scheduledEventId()));
  }

  private static OptionalLong seconds(Optional<ValueSource> source, String field, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    return source.map(value -> OptionalLong.of(DataFlow.positiveSeconds(value, effectiveInput, input, env, field))).orElse(OptionalLong.empty());
  }

  /** Credentials is a template: {@code "RoleArn.$"} reads the role from the effective input (JSONata: an expression). */
  private static Optional<String> credentialsRoleArn(TaskState state, JsonNode input, JsonNode effectiveInput, StateEnv env) {
    return state.credentials()
        .map(credentials -> DataFlow.jsonata(state)
            ? Jsonata.evaluateTemplate(credentials, env.jsonata(input), "Credentials")
            : PayloadTemplates.evaluate(credentials, env.roots(effectiveInput)))
        .map(credentials -> credentials.path("RoleArn"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::textValue);
  }

  private static String region(String executionArn) {
    return executionArn.split(":")[3];
  }
}
