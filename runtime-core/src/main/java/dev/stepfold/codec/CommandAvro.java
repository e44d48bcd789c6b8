package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.executionType;
import static dev.stepfold.codec.AvroValues.jsonText;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.nested.NestedStart;
import dev.stepfold.engine.TimerId;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.CompleteMapRunCommand;
import dev.stepfold.schemas.FireTimerCommand;
import dev.stepfold.schemas.MapRunChild;
import dev.stepfold.schemas.ParentTask;
import dev.stepfold.schemas.RedriveChildExecutionCommand;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.RedriveMapRunChildCommand;
import dev.stepfold.schemas.ReportTaskStartedCommand;
import dev.stepfold.schemas.ReportTaskSubmittedCommand;
import dev.stepfold.schemas.SendTaskFailureCommand;
import dev.stepfold.schemas.SendTaskHeartbeatCommand;
import dev.stepfold.schemas.SendTaskSuccessCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import dev.stepfold.schemas.StopExecutionCommand;
import java.util.Optional;

/**
 * {@link Command} ⇄ {@link CommandRecord}: the request id and execution ARN go in the envelope, the rest in one union
 * branch per command type. Texts a command carries as text (input, task output) stay untouched.
 */
final class CommandAvro {
  private final DefinitionReader definitions;
  private final RedriveFixAvro fixes;

  CommandAvro(DefinitionReader definitions) {
    this.definitions = definitions;
    this.fixes = new RedriveFixAvro(definitions);
  }

  CommandRecord avro(Command command) {
    return CommandRecord.newBuilder()
        .setRequestId(command.requestId())
        .setExecutionArn(command.executionArn().value())
        .setCommand(branch(command))
        .build();
  }

  private static Object branch(Command command) {
    if (command instanceof Command.StartExecution c) {
      return StartExecutionCommand.newBuilder()
          .setStateMachineArn(c.stateMachineArn().value())
          .setExecutionType(c.executionType().name())
          .setDefinition(jsonText(c.definition().document()))
          .setInput(c.input())
          .setRoleArn(c.roleArn())
          .setStateMachineVersionArn(orNull(c.stateMachineVersionArn()))
          .setStateMachineAliasArn(orNull(c.stateMachineAliasArn()))
          .setCloseRequestId(orNull(c.closeRequestId()))
          .setParentTask(c.origin() instanceof Origin.ParentTask parent ? parentTask(parent) : null)
          .setMapRunChild(c.origin() instanceof Origin.MapRunChild child ? mapRunChild(child) : null)
          .build();
    }
    if (command instanceof Command.StopExecution c) {
      return StopExecutionCommand.newBuilder().setError(orNull(c.error())).setCause(orNull(c.cause())).build();
    }
    if (command instanceof Command.SendTaskSuccess c) {
      return SendTaskSuccessCommand.newBuilder().setTaskToken(c.taskToken().value()).setOutput(c.output()).build();
    }
    if (command instanceof Command.SendTaskFailure c) {
      return SendTaskFailureCommand.newBuilder()
          .setTaskToken(c.taskToken().value())
          .setError(orNull(c.error()))
          .setCause(orNull(c.cause()))
          .build();
    }
    if (command instanceof Command.SendTaskHeartbeat c) {
      return SendTaskHeartbeatCommand.newBuilder().setTaskToken(c.taskToken().value()).build();
    }
    if (command instanceof Command.ReportTaskStarted c) {
      return ReportTaskStartedCommand.newBuilder().setTaskToken(c.taskToken().value()).setWorkerName(orNull(c.workerName())).build();
    }
    if (command instanceof Command.ReportTaskSubmitted c) {
      return ReportTaskSubmittedCommand.newBuilder().setTaskToken(c.taskToken().value()).setOutput(c.output()).build();
    }
    if (command instanceof Command.FireTimer c) {
      return FireTimerCommand.newBuilder().setTimerId(c.timerId().value()).build();
    }
    if (command instanceof Command.RedriveExecution c) {
      if (c.origin() instanceof Origin.MapRunChild child) {
        return new RedriveMapRunChildCommand(c.clientToken().orElse(null), mapRunChild(child));
      }
      if (c.origin() instanceof Origin.ParentTask parent) {
        return new RedriveChildExecutionCommand(parentTask(parent));
      }
      return RedriveFixAvro.command(RedriveExecutionCommand.newBuilder().setClientToken(c.clientToken().orElse(null)), c.fix()).build();
    }
    if (command instanceof Command.CompleteMapRun c) {
      return CompleteMapRunCommand.newBuilder().setMapRunArn(c.mapRunArn().value()).setSucceeded(c.succeeded())
          .setResults(c.results().toString()).setError(c.error().orElse(null)).setCause(c.cause().orElse(null)).build();
    }
    throw new IllegalStateException("Expected a command the Avro codec knows, but got " + command.getClass().getName());
  }

  Command command(CommandRecord record) {
    var requestId = record.getRequestId();
    var executionArn = new ExecutionArn(record.getExecutionArn());
    var branch = record.getCommand();
    if (branch instanceof StartExecutionCommand c) {
      // A start that names only its state machine is completed from the state machines before it gets here.
      if (c.getDefinition() == null || c.getRoleArn() == null) {
        throw new IllegalArgumentException("Expected StartExecution to carry its definition and roleArn, or to name a state machine"
            + " that exists, but " + (c.getDefinition() == null ? "the definition" : "the roleArn") + " is missing");
      }
      var executionType = c.getExecutionType() == null ? ExecutionType.STANDARD : executionType(c.getExecutionType());
      return new Command.StartExecution(
          requestId,
          executionArn,
          new StateMachineArn(c.getStateMachineArn()),
          executionType,
          definitions.read(c.getDefinition(), executionType),
          c.getInput(),
          c.getRoleArn(),
          optional(c.getStateMachineVersionArn()),
          optional(c.getStateMachineAliasArn()),
          optional(c.getCloseRequestId()),
          origin(c));
    }
    if (branch instanceof StopExecutionCommand c) {
      return new Command.StopExecution(requestId, executionArn, optional(c.getError()), optional(c.getCause()));
    }
    if (branch instanceof SendTaskSuccessCommand c) {
      return new Command.SendTaskSuccess(requestId, executionArn, new TaskToken(c.getTaskToken()), c.getOutput());
    }
    if (branch instanceof SendTaskFailureCommand c) {
      return new Command.SendTaskFailure(
          requestId, executionArn, new TaskToken(c.getTaskToken()), optional(c.getError()), optional(c.getCause()));
    }
    if (branch instanceof SendTaskHeartbeatCommand c) {
      return new Command.SendTaskHeartbeat(requestId, executionArn, new TaskToken(c.getTaskToken()));
    }
    if (branch instanceof ReportTaskStartedCommand c) {
      return new Command.ReportTaskStarted(requestId, executionArn, new TaskToken(c.getTaskToken()), optional(c.getWorkerName()));
    }
    if (branch instanceof ReportTaskSubmittedCommand c) {
      return new Command.ReportTaskSubmitted(requestId, executionArn, new TaskToken(c.getTaskToken()), c.getOutput());
    }
    if (branch instanceof FireTimerCommand c) {
      return new Command.FireTimer(requestId, executionArn, new TimerId(c.getTimerId()));
    }
    if (branch instanceof RedriveExecutionCommand c) {
      return new Command.RedriveExecution(requestId, executionArn, optional(c.getClientToken()), Origin.CLIENT, fixes.fix(c));
    }
    if (branch instanceof RedriveMapRunChildCommand c) {
      return new Command.RedriveExecution(requestId, executionArn, optional(c.getClientToken()), origin(c.getMapRunChild()));
    }
    if (branch instanceof RedriveChildExecutionCommand c) {
      return new Command.RedriveExecution(requestId, executionArn, Optional.empty(), origin(c.getParentTask()));
    }
    if (branch instanceof CompleteMapRunCommand c) {
      return new Command.CompleteMapRun(requestId, executionArn, new MapRunArn(c.getMapRunArn()), c.getSucceeded(),
          AvroValues.json(c.getResults(), "CompleteMapRun results"), optional(c.getError()), optional(c.getCause()));
    }
    throw new IllegalStateException("Expected a command record the Avro codec knows, but got " + branch.getClass().getName());
  }

  static Origin origin(CommandRecord record) {
    if (record.getCommand() instanceof StartExecutionCommand start) {
      return origin(start);
    }
    if (record.getCommand() instanceof RedriveMapRunChildCommand redrive) {
      return origin(redrive.getMapRunChild());
    }
    if (record.getCommand() instanceof RedriveChildExecutionCommand redrive) {
      return origin(redrive.getParentTask());
    }
    return Origin.CLIENT;
  }

  /** The origin of a start: a parent's task, a map run, or a client. */
  static Origin origin(StartExecutionCommand start) {
    if (start.getParentTask() != null) {
      return origin(start.getParentTask());
    }
    return start.getMapRunChild() == null ? Origin.CLIENT : origin(start.getMapRunChild());
  }

  static Origin origin(ParentTask parent) {
    return new Origin.ParentTask(new ExecutionArn(parent.getExecutionArn()), new TaskToken(parent.getTaskToken()),
        startExecutionPattern(parent.getResource()));
  }

  private static Origin origin(MapRunChild child) {
    return new Origin.MapRunChild(new MapRunArn(child.getMapRunArn()), child.getIndex(), child.getRedriveCount());
  }

  static ParentTask parentTask(Origin.ParentTask parent) {
    return new ParentTask(parent.executionArn().value(), parent.taskToken().value(), startExecution(parent.pattern()));
  }

  /** A parent task's pattern as records carry it: its StartExecution resource as TaskScheduled names it ({@code startExecution.sync}). */
  static String startExecution(IntegrationPattern pattern) {
    return NestedStart.ACTION + pattern.suffix();
  }

  static IntegrationPattern startExecutionPattern(String resource) {
    var pattern = IntegrationPattern.ofAction(resource);
    if (!resource.equals(startExecution(pattern))) {
      throw new IllegalArgumentException("Expected a StartExecution resource of a parent task, but got '" + resource + "'");
    }
    return pattern;
  }

  private static MapRunChild mapRunChild(Origin.MapRunChild child) {
    return new MapRunChild(child.mapRunArn().value(), child.index(), child.redriveCount());
  }
}
