package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.history.RedriveFix;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that can happen to an execution from outside: API operations keep their AWS names, internal commands are
 * imperative. Every command is keyed by its execution ARN and carries a request id, which its reply answers.
 */
public sealed interface Command {
  String requestId();

  ExecutionArn executionArn();

  /** Who sent the command; a client unless another entity did. */
  default Origin origin() {
    return Origin.CLIENT;
  }

  /**
   * {@code StartExecution}: {@code input} is the text the caller sent; it may not be JSON, which is rejected. The
   * version and alias ARNs say what the start named when it named a version or an alias ({@code ExecutionStarted} and
   * DescribeExecution show them); {@code stateMachineArn} is always the state machine's. {@code closeRequestId}, set by
   * StartSyncExecution, is the request id the execution's close is answered under.
   */
  record StartExecution(
      String requestId,
      ExecutionArn executionArn,
      StateMachineArn stateMachineArn,
      ExecutionType executionType,
      StateMachineDefinition definition,
      String input,
      String roleArn,
      Optional<String> stateMachineVersionArn,
      Optional<String> stateMachineAliasArn,
      Optional<String> closeRequestId,
      Origin origin) implements Command {
    public StartExecution {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(executionType, "executionType");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
      Objects.requireNonNull(closeRequestId, "closeRequestId");
    }

    /** A start by a client. */
    public StartExecution(String requestId, ExecutionArn executionArn, StateMachineArn stateMachineArn, ExecutionType executionType,
        StateMachineDefinition definition, String input, String roleArn, Optional<String> stateMachineVersionArn,
        Optional<String> stateMachineAliasArn, Optional<String> closeRequestId) {
      this(requestId, executionArn, stateMachineArn, executionType, definition, input, roleArn, stateMachineVersionArn, stateMachineAliasArn,
          closeRequestId, Origin.CLIENT);
    }

    /** The same start, sent by {@code origin}. */
    public StartExecution from(Origin origin) {
      return new StartExecution(requestId, executionArn, stateMachineArn, executionType, definition, input, roleArn, stateMachineVersionArn,
          stateMachineAliasArn, closeRequestId, origin);
    }

    /** A start of the state machine's current revision or of a definition it carries, through no version or alias. */
    public StartExecution(String requestId, ExecutionArn executionArn, StateMachineArn stateMachineArn, ExecutionType executionType,
        StateMachineDefinition definition, String input, String roleArn) {
      this(requestId, executionArn, stateMachineArn, executionType, definition, input, roleArn, Optional.empty(), Optional.empty(),
          Optional.empty());
    }

    /** A start through a version, or none, and no alias. */
    public StartExecution(String requestId, ExecutionArn executionArn, StateMachineArn stateMachineArn, ExecutionType executionType,
        StateMachineDefinition definition, String input, String roleArn, Optional<String> stateMachineVersionArn) {
      this(requestId, executionArn, stateMachineArn, executionType, definition, input, roleArn, stateMachineVersionArn, Optional.empty(),
          Optional.empty());
    }
  }

  record StopExecution(String requestId, ExecutionArn executionArn, Optional<String> error, Optional<String> cause)
      implements Command {
    public StopExecution {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** {@code SendTaskSuccess}, and how a task runner reports a task's result: {@code output} is JSON text. */
  record SendTaskSuccess(String requestId, ExecutionArn executionArn, TaskToken taskToken, String output) implements Command {
    public SendTaskSuccess {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(output, "output");
    }
  }

  /** {@code SendTaskFailure}, and how a task runner reports a failed task. */
  record SendTaskFailure(String requestId, ExecutionArn executionArn, TaskToken taskToken, Optional<String> error, Optional<String> cause)
      implements Command {
    public SendTaskFailure {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  record SendTaskHeartbeat(String requestId, ExecutionArn executionArn, TaskToken taskToken) implements Command {
    public SendTaskHeartbeat {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
    }
  }

  /** A worker took an activity task ({@code GetActivityTask}); {@code ActivityStarted} is recorded. */
  record ReportTaskStarted(String requestId, ExecutionArn executionArn, TaskToken taskToken, Optional<String> workerName)
      implements Command {
    public ReportTaskStarted {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(workerName, "workerName");
    }
  }

  /**
   * The initial call of a {@code .sync} or {@code .waitForTaskToken} integration returned {@code output} (JSON text);
   * {@code TaskSubmitted} is recorded and the task waits for its final outcome.
   */
  record ReportTaskSubmitted(String requestId, ExecutionArn executionArn, TaskToken taskToken, String output) implements Command {
    public ReportTaskSubmitted {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * {@code RedriveExecution}: continue a failed, aborted or timed-out execution from its unsuccessful states; beyond
   * AWS, after a fix ({@code fix}: onto another version, from a chosen state, with a corrected input).
   */
  record RedriveExecution(String requestId, ExecutionArn executionArn, Optional<String> clientToken, Origin origin, RedriveFix fix)
      implements Command {
    public RedriveExecution {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(clientToken, "clientToken");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(fix, "fix");
    }

    /** A redrive as AWS has it, with no fix. */
    public RedriveExecution(String requestId, ExecutionArn executionArn, Optional<String> clientToken, Origin origin) {
      this(requestId, executionArn, clientToken, origin, RedriveFix.NONE);
    }

    /** A redrive by a client. */
    public RedriveExecution(String requestId, ExecutionArn executionArn, Optional<String> clientToken) {
      this(requestId, executionArn, clientToken, Origin.CLIENT);
    }
  }

  /**
   * A map run ended: {@code results} holds each child's output (or error output) in item order when it succeeded;
   * {@code error} and {@code cause} say why it failed.
   */
  record CompleteMapRun(
      String requestId, ExecutionArn executionArn, MapRunArn mapRunArn, boolean succeeded, JsonNode results, Optional<String> error,
      Optional<String> cause) implements Command {
    public CompleteMapRun {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(results, "results");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** A timer the engine set is due. A timer that is no longer set is ignored. */
  record FireTimer(String requestId, ExecutionArn executionArn, TimerId timerId) implements Command {
    public FireTimer {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(timerId, "timerId");
    }

    @Override
    public Origin origin() {
      return Origin.TIMER;
    }
  }
}
