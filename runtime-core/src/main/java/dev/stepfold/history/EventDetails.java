package dev.stepfold.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The details of a history event, one record per shape of AWS's details structures. Payloads ({@code input},
 * {@code output}, {@code parameters}) are JSON values here; the codecs render them as the JSON text AWS sends.
 * Optional members are absent, as AWS omits them.
 */
public sealed interface EventDetails {

  /** The types that carry no details ({@code TaskStateAborted}, {@code ParallelStateStarted}, ...). */
  record None() implements EventDetails {
    public static final None INSTANCE = new None();
  }

  /**
   * {@code ExecutionStarted}. Besides AWS's members it carries what the execution is (ARNs, type and the definition it
   * runs), so that an execution's history folds into its state with nothing else at hand, and the request id a
   * {@code StartSyncExecution} waits on for the execution to close.
   */
  record ExecutionStarted(
      JsonNode input,
      String roleArn,
      Optional<String> stateMachineAliasArn,
      Optional<String> stateMachineVersionArn,
      ExecutionArn executionArn,
      StateMachineArn stateMachineArn,
      ExecutionType executionType,
      StateMachineDefinition definition,
      Optional<String> closeRequestId,
      Optional<StartedBy> startedBy) implements EventDetails {
    public ExecutionStarted {
      Objects.requireNonNull(startedBy, "startedBy");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(executionType, "executionType");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(closeRequestId, "closeRequestId");
    }

    /** The same start, reported from now on to {@code newStartedBy}. */
    public ExecutionStarted reportingTo(StartedBy newStartedBy) {
      return new ExecutionStarted(input, roleArn, stateMachineAliasArn, stateMachineVersionArn, executionArn, stateMachineArn, executionType,
          definition, closeRequestId, Optional.of(newStartedBy));
    }

    /** The same start, running {@code version} from now on (a redrive onto a corrected version). */
    public ExecutionStarted runningVersion(RedriveFix.Version version) {
      return new ExecutionStarted(input, roleArn, version.stateMachineAliasArn(), Optional.of(version.stateMachineVersionArn()), executionArn,
          stateMachineArn, executionType, version.definition(), closeRequestId, startedBy);
    }

    /** The start of an execution by a client. */
    public ExecutionStarted(JsonNode input, String roleArn, Optional<String> stateMachineAliasArn, Optional<String> stateMachineVersionArn,
        ExecutionArn executionArn, StateMachineArn stateMachineArn, ExecutionType executionType, StateMachineDefinition definition,
        Optional<String> closeRequestId) {
      this(input, roleArn, stateMachineAliasArn, stateMachineVersionArn, executionArn, stateMachineArn, executionType, definition, closeRequestId,
          Optional.empty());
    }

    /** The start of an execution no request waits on to close. */
    public ExecutionStarted(JsonNode input, String roleArn, Optional<String> stateMachineAliasArn, Optional<String> stateMachineVersionArn,
        ExecutionArn executionArn, StateMachineArn stateMachineArn, ExecutionType executionType, StateMachineDefinition definition) {
      this(input, roleArn, stateMachineAliasArn, stateMachineVersionArn, executionArn, stateMachineArn, executionType, definition, Optional.empty());
    }
  }

  /** {@code StateEnteredEventDetails}: every {@code ...StateEntered}. */
  record StateEntered(String name, JsonNode input) implements EventDetails {
    public StateEntered {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(input, "input");
    }
  }

  /** {@code StateExitedEventDetails}: every {@code ...StateExited}; assigned variables only where the state assigns. */
  record StateExited(String name, JsonNode output, Optional<Map<String, JsonNode>> assignedVariables) implements EventDetails {
    public StateExited {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(output, "output");
      assignedVariables = assignedVariables.map(vars -> Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
    }
  }

  /** {@code output} with {@code outputDetails}: ExecutionSucceeded, ActivitySucceeded, LambdaFunctionSucceeded. */
  record Output(JsonNode output) implements EventDetails {
    public Output {
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * {@code error} and {@code cause}, each optional: ExecutionFailed / Aborted / TimedOut, Activity(Schedule)Failed,
   * ActivityTimedOut, LambdaFunction(Schedule|Start)Failed, LambdaFunctionTimedOut, MapRunFailed.
   */
  record Failure(Optional<String> error, Optional<String> cause) implements EventDetails {
    public static final Failure EMPTY = new Failure(Optional.empty(), Optional.empty());

    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  record TaskScheduled(
      String resourceType,
      String resource,
      String region,
      JsonNode parameters,
      OptionalLong timeoutInSeconds,
      OptionalLong heartbeatInSeconds,
      Optional<String> taskCredentialsRoleArn) implements EventDetails {
    public TaskScheduled {
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(parameters, "parameters");
      Objects.requireNonNull(timeoutInSeconds, "timeoutInSeconds");
      Objects.requireNonNull(heartbeatInSeconds, "heartbeatInSeconds");
      Objects.requireNonNull(taskCredentialsRoleArn, "taskCredentialsRoleArn");
    }
  }

  /** TaskStarted. */
  record TaskStarted(String resourceType, String resource) implements EventDetails {
    public TaskStarted {
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resource, "resource");
    }
  }

  /** TaskSucceeded and TaskSubmitted. */
  record TaskOutput(String resourceType, String resource, JsonNode output) implements EventDetails {
    public TaskOutput {
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(output, "output");
    }
  }

  /** TaskFailed, TaskTimedOut, TaskStartFailed, TaskSubmitFailed. */
  record TaskFailure(String resourceType, String resource, Optional<String> error, Optional<String> cause) implements EventDetails {
    public TaskFailure {
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  record ActivityScheduled(String resource, JsonNode input, OptionalLong timeoutInSeconds, OptionalLong heartbeatInSeconds)
      implements EventDetails {
    public ActivityScheduled {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(timeoutInSeconds, "timeoutInSeconds");
      Objects.requireNonNull(heartbeatInSeconds, "heartbeatInSeconds");
    }
  }

  record ActivityStarted(Optional<String> workerName) implements EventDetails {
    public ActivityStarted {
      Objects.requireNonNull(workerName, "workerName");
    }
  }

  record LambdaFunctionScheduled(String resource, JsonNode input, OptionalLong timeoutInSeconds, Optional<String> taskCredentialsRoleArn)
      implements EventDetails {
    public LambdaFunctionScheduled {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(timeoutInSeconds, "timeoutInSeconds");
      Objects.requireNonNull(taskCredentialsRoleArn, "taskCredentialsRoleArn");
    }
  }

  /** {@code MapIterationEventDetails}: MapIterationStarted / Succeeded / Failed / Aborted. */
  record MapIteration(String name, int index) implements EventDetails {
    public MapIteration {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * MapStateStarted. {@code retriedError} is stepfold's own: on a retry of the Map, the error being retried, which
   * the history does not otherwise show (AWS writes no MapStateFailed before a retry).
   */
  record MapStateStarted(int length, Optional<String> retriedError) implements EventDetails {
    public MapStateStarted {
      Objects.requireNonNull(retriedError, "retriedError");
    }

    public MapStateStarted(int length) {
      this(length, Optional.empty());
    }
  }

  /**
   * ParallelStateStarted carries no details in AWS's history; stepfold keeps the error being retried on a retry, as
   * for {@link MapStateStarted}.
   */
  record ParallelStateStarted(Optional<String> retriedError) implements EventDetails {
    public static final ParallelStateStarted FIRST_ATTEMPT = new ParallelStateStarted(Optional.empty());

    public ParallelStateStarted {
      Objects.requireNonNull(retriedError, "retriedError");
    }
  }

  record MapRunStarted(String mapRunArn) implements EventDetails {
    public MapRunStarted {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
    }
  }

  /**
   * ExecutionRedriven: {@code redriveCount} includes this redrive. The rest is stepfold's own, not part of AWS's event:
   * {@code clientToken}, the token of the RedriveExecution call, so that a repeated call within 15 minutes gets the
   * same answer from history alone; {@code parentTask}, the parent's task that redrove this child execution rather than
   * start a new one (the child reports to it from now on); {@code fix}, the version, state and input a redrive after a
   * fix continues with.
   */
  record ExecutionRedriven(int redriveCount, Optional<String> clientToken, Optional<StartedBy.ParentTask> parentTask, Optional<RedriveFix> fix)
      implements EventDetails {
    public ExecutionRedriven {
      Objects.requireNonNull(clientToken, "clientToken");
      Objects.requireNonNull(parentTask, "parentTask");
      Objects.requireNonNull(fix, "fix");
    }

    public ExecutionRedriven(int redriveCount, Optional<String> clientToken, Optional<StartedBy.ParentTask> parentTask) {
      this(redriveCount, clientToken, parentTask, Optional.empty());
    }

    public ExecutionRedriven(int redriveCount, Optional<String> clientToken) {
      this(redriveCount, clientToken, Optional.empty());
    }

    public ExecutionRedriven(int redriveCount) {
      this(redriveCount, Optional.empty());
    }
  }

  record MapRunRedriven(String mapRunArn, int redriveCount) implements EventDetails {
    public MapRunRedriven {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
    }
  }

  record EvaluationFailed(Optional<String> error, Optional<String> cause, Optional<String> location, String state)
      implements EventDetails {
    public EvaluationFailed {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(state, "state");
    }
  }
}
