package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.asl.AslState;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.FailState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.SucceedState;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.WaitState;
import dev.stepfold.engine.behavior.StateFlow;
import dev.stepfold.engine.behavior.TaskBehavior;
import dev.stepfold.engine.behavior.WaitBehavior;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.ScopePath;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link StateTest}: an EXPRESS execution that exists only in this call starts (ExecutionStarted, as any start
 * appends it) and enters the tested state with the test's input; the state's behavior runs as in any execution, through
 * a {@link DecisionBuilder} that carries the test's {@link Trial}. Where the state waits, the test answers at once, the
 * way a command would: a Task's mock is its SendTaskSuccess or SendTaskFailure, a Wait's timer fires. Nothing is stored
 * and nothing is dispatched.
 */
final class StateTestRun {
  /** AWS's wording for the state types TestState runs only with a mock, and without one. */
  static final String NO_MAP_OR_PARALLEL = "TestState API does not support Map or Parallel states. Supported state types include: "
      + "[Task, Wait, Pass, Succeed, Fail, Choice]";
  private static final Set<String> CONTEXT_MEMBERS = Set.of("Execution", "State", "StateMachine", "Task");
  private static final String INVALID_CONTEXT = "Invalid Context object provided: ";

  private StateTestRun() {}

  static StateTestResult run(StateTest test, Instant now) {
    var state = test.definition().graph().states().get(test.stateName());
    if (state == null) {
      return rejected("State '" + test.stateName() + "' is not in the definition");
    }
    var refusal = refusal(test, state);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    var trial = new Trial(test);
    var out = new DecisionBuilder(ExecutionState.NOT_STARTED, now, ActivityDirectory.ANY, Optional.of(trial));
    var executionInput = test.context().map(context -> context.path("Execution").get("Input")).orElse(test.input());
    out.append(HistoryEventType.EXECUTION_STARTED, 0, new EventDetails.ExecutionStarted(executionInput, test.roleArn(), Optional.empty(),
        Optional.empty(), test.executionArn(), test.stateMachineArn(), ExecutionType.EXPRESS, test.definition()));
    trial.inspect("input", test.input());
    StateFlow.run(out, ScopePath.ROOT, test.stateName(), test.input());
    if (!trial.ended() && out.execution().status() == ExecutionStatus.RUNNING) {
      answerWhatItWaitsOn(out, trial);
    }
    return result(out, trial);
  }

  /** A Task waits on its work, answered by the mock; a Wait on its timer, which fires now. */
  private static void answerWhatItWaitsOn(DecisionBuilder out, Trial trial) {
    var active = out.active(ScopePath.ROOT);
    var state = out.activeState(ScopePath.ROOT);
    if (state instanceof TaskState task && active.task().isPresent()) {
      var mock = trial.mock().orElseThrow(() -> new IllegalStateException("Expected a mock for Task " + task.name() + ", but the test has none"));
      if (mock instanceof StateTest.Mock.Result result) {
        trial.inspect("result", result.result());
        TaskBehavior.succeeded(out, ScopePath.ROOT, task, active.task().get(), result.result());
      } else {
        var error = (StateTest.Mock.Error) mock;
        TaskBehavior.failed(out, ScopePath.ROOT, task, active.task().get(), new StatesError(error.error().orElse(""), error.cause().orElse("")));
      }
    } else if (state instanceof WaitState wait) {
      WaitBehavior.elapsedAndContinue(out, ScopePath.ROOT, wait);
    }
  }

  private static StateTestResult result(DecisionBuilder out, Trial trial) {
    var execution = out.execution();
    var variables = new LinkedHashMap<>(trial.variables());
    variables.putAll(out.scope(ScopePath.ROOT).variables());
    if (!variables.isEmpty()) {
      var shown = JsonNodeFactory.instance.objectNode();
      variables.forEach(shown::set);
      trial.inspect("variables", shown);
    }
    var inspection = trial.inspection();
    var handled = trial.handled();
    if (trial.retriable()) {
      return new StateTestResult.Ran(StateTestResult.Status.RETRIABLE, Optional.empty(), Optional.empty(),
          handled.flatMap(StatesError::errorIfPresent), handled.flatMap(StatesError::causeIfPresent), inspection);
    }
    if (trial.ended()) {
      var status = trial.caughtError() ? StateTestResult.Status.CAUGHT_ERROR : StateTestResult.Status.SUCCEEDED;
      var error = trial.caughtError() ? handled : Optional.<StatesError>empty();
      return new StateTestResult.Ran(status, trial.nextState(), trial.handedOver(), error.flatMap(StatesError::errorIfPresent),
          error.flatMap(StatesError::causeIfPresent), inspection);
    }
    if (execution.status() == ExecutionStatus.SUCCEEDED) {
      return new StateTestResult.Ran(StateTestResult.Status.SUCCEEDED, Optional.empty(), execution.output(), Optional.empty(), Optional.empty(),
          inspection);
    }
    if (execution.status() == ExecutionStatus.FAILED) {
      return new StateTestResult.Ran(StateTestResult.Status.FAILED, Optional.empty(), Optional.empty(), execution.error(), execution.cause(),
          inspection);
    }
    throw new IllegalStateException("Expected the tested state to hand over, retry, fail or end, but the test's execution is "
        + execution.status() + " in " + out.scope(ScopePath.ROOT).active().map(ActiveState::stateName).orElse("no state"));
  }

  /** Why the test cannot run as asked, in AWS's words where AWS has them. */
  private static Optional<StateTestResult> refusal(StateTest test, AslState state) {
    var mock = test.mock();
    boolean ownsNoWork = state instanceof PassState || state instanceof WaitState || state instanceof ChoiceState
        || state instanceof SucceedState || state instanceof FailState;
    if (mock.isPresent() && ownsNoWork) {
      return Optional.of(rejected("State type '" + state.typeName() + "' is not supported when a mock is specified"));
    }
    if (mock.isEmpty() && (state instanceof MapState || state instanceof ParallelState)) {
      return Optional.of(new StateTestResult.Rejected(ApiError.INVALID_DEFINITION, NO_MAP_OR_PARALLEL));
    }
    if (mock.isEmpty() && state instanceof TaskState task) {
      return Optional.of(rejected("stepfold's TestState does not call services: a Task state is tested with a mock (mock.result or"
          + " mock.errorOutput) that stands for what " + task.resource() + " returns"));
    }
    if (mock.isPresent() && mock.get() instanceof StateTest.Mock.Result result) {
      var shape = mockedResultShape(state, result.result());
      if (shape.isPresent()) {
        return shape;
      }
    }
    return test.context().flatMap(context -> contextRefusal(context, state));
  }

  private static Optional<StateTestResult> mockedResultShape(AslState state, JsonNode result) {
    if (state instanceof MapState map) {
      if (map.resultWriter().isPresent() && !result.isObject()) {
        return Optional.of(rejected("Mocked result must be a JSON object."));
      }
      if (map.resultWriter().isEmpty() && !result.isArray()) {
        return Optional.of(rejected("Mocked result must be an array."));
      }
    } else if (state instanceof ParallelState parallel) {
      if (!result.isArray()) {
        return Optional.of(rejected("Mocked result must be an array."));
      }
      if (result.size() != parallel.branches().size()) {
        return Optional.of(rejected("Mocked result must contain the same number of items as number of Parallel branches."));
      }
    }
    return Optional.empty();
  }

  /** The context object a test gives must have the shape of one; {@code Task} only for a Task that waits on its token. */
  private static Optional<StateTestResult> contextRefusal(JsonNode context, AslState state) {
    if (!context.isObject()) {
      return Optional.of(rejected(INVALID_CONTEXT + "the context must be a JSON object"));
    }
    var fields = context.fieldNames();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.equals("Map")) {
        return Optional.of(rejected(INVALID_CONTEXT + "'Map' field is not supported when mocking a Context object"));
      }
      if (!CONTEXT_MEMBERS.contains(field)) {
        return Optional.of(rejected(INVALID_CONTEXT + "Field '" + field + "' is not allowed"));
      }
    }
    boolean waitsOnToken = state instanceof TaskState task
        && task.resource().pattern() != TaskResource.IntegrationPattern.REQUEST_RESPONSE;
    if (context.has("Task") && !waitsOnToken) {
      return Optional.of(rejected(INVALID_CONTEXT + "Context object contains 'Task' when state is not a Task state with a '.sync' or "
          + "'.waitForTaskToken' service integration pattern"));
    }
    for (var text : List.of("Execution.Id", "Execution.Name", "Execution.RoleArn", "Execution.StartTime", "StateMachine.Id", "StateMachine.Name",
        "State.Name", "State.EnteredTime", "Task.Token")) {
      var parts = text.split("\\.");
      var value = context.path(parts[0]).get(parts[1]);
      if (value != null && !value.isTextual()) {
        return Optional.of(rejected(INVALID_CONTEXT + text + " must be a string"));
      }
    }
    return Optional.empty();
  }

  private static StateTestResult rejected(String message) {
    return new StateTestResult.Rejected(ApiError.VALIDATION_EXCEPTION, message);
  }
}
